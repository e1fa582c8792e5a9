package io.nbo.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeFileTest {
    private static final Path COMPOSE = DeploymentFiles.DOCKER.resolve("compose.yaml");
    private final JsonNode compose = DeploymentFiles.yaml(COMPOSE);

    @Test
    void shouldRunThreeKraftBrokersThatReplicateEverythingThreeTimes() {
        Map<String, JsonNode> brokers = servicesWhere(s -> s.path("image").asText().startsWith("apache/kafka:4."));

        assertThat(brokers).as("apache/kafka 4.x services").hasSize(3);
        Set<String> nodeIds = new HashSet<>();
        Set<String> clusterIds = new HashSet<>();
        brokers.forEach((name, broker) -> {
            Map<String, String> env = DeploymentFiles.environment(broker);
            nodeIds.add(env.get("KAFKA_NODE_ID"));
            clusterIds.add(env.get("CLUSTER_ID"));
            assertThat(env.get("KAFKA_PROCESS_ROLES")).as(name + " roles").contains("broker");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).as(name + " voters").hasSize(3);
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).as(name + " advertises its own name")
                    .contains("//" + name + ":");
            assertThat(env).as(name).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
            assertThat(volumeNames(broker)).as(name + " keeps its log on a volume of its own").hasSize(1);
        });
        assertThat(nodeIds).as("distinct node ids").hasSize(3);
        assertThat(clusterIds).as("one cluster id").hasSize(1);
    }

    @Test
    void shouldBuildTwoServiceInstancesFromTheDockerfileEachWithItsOwnState() {
        Map<String, JsonNode> instances = serviceInstances();
        Set<String> brokerAddresses = new HashSet<>();
        servicesWhere(s -> s.path("image").asText().startsWith("apache/kafka:")).keySet()
                .forEach(broker -> brokerAddresses.add(broker + ":9092"));

        assertThat(instances).as("services built from docker/Dockerfile").hasSize(2);
        Set<String> advertised = new HashSet<>();
        Set<String> stateVolumes = new HashSet<>();
        Set<String> keySources = new HashSet<>();
        instances.forEach((name, service) -> {
            JsonNode build = service.path("build");
            Path context = COMPOSE.getParent().resolve(build.path("context").asText()).normalize();
            assertThat(context.resolve("pom.xml")).as(name + " build context is the repository root").exists();
            assertThat(context.resolve(build.path("dockerfile").asText())).as(name + " dockerfile").exists();

            Map<String, String> env = DeploymentFiles.environment(service);
            advertised.add(env.get("ADVERTISED_HOST"));
            assertThat(env.get("ADVERTISED_HOST")).as(name + " advertises the name others reach it by")
                    .isEqualTo(service.path("hostname").asText(name));
            assertThat(Set.of(env.get("KAFKA_BOOTSTRAP_SERVERS").split(","))).as(name + " bootstrap")
                    .isEqualTo(brokerAddresses);
            assertThat(env).as(name).containsEntry("REPLICATION_FACTOR", "3");
            // A service joining a cluster refuses to start without keys, and peers must admit the same ones.
            assertThat(env.get("API_KEYS")).as(name + " API_KEYS").startsWith("${NBO_API_KEYS:?");
            keySources.add(env.get("API_KEYS") + " " + env.get("FORWARDING_SECRET"));
            assertThat(env.get("FORWARDING_SECRET")).as(name + " FORWARDING_SECRET, apart from the keys so they can rotate")
                    .startsWith("${NBO_FORWARDING_SECRET:?");
            List<String> volumes = volumeNames(service);
            assertThat(mountTargets(service)).as(name + " mounts its STATE_DIR").contains(env.get("STATE_DIR"));
            assertThat(volumes).as(name + " state volume").hasSize(1);
            stateVolumes.addAll(volumes);
            assertThat(compose.path("volumes").has(volumes.get(0))).as("volume %s is declared", volumes.get(0))
                    .isTrue();
        });
        assertThat(advertised).as("distinct ADVERTISED_HOST").hasSize(2);
        assertThat(keySources).as("every instance admits the same keys").hasSize(1);
        assertThat(stateVolumes).as("one state volume per instance").hasSize(2);
    }

    @Test
    void shouldKeepEachProcessWithinItsContainersMemory() {
        serviceInstances().forEach((name, service) -> {
            long limit = bytes(service.path("mem_limit").asText());
            long heap = limit / 2; // -XX:MaxRAMPercentage=50 in the Dockerfile
            long rocksDb = Long.parseLong(DeploymentFiles.environment(service).get("ROCKSDB_MEMORY_MB")) << 20;
            assertThat(heap + rocksDb).as(name + ": heap and RocksDB leave room for the clients and the JVM")
                    .isLessThanOrEqualTo(limit - (256L << 20));
        });
        servicesWhere(s -> s.path("image").asText().startsWith("apache/kafka:")).forEach((name, broker) -> {
            String heapOptions = DeploymentFiles.environment(broker).getOrDefault("KAFKA_HEAP_OPTS", "");
            java.util.regex.Matcher maxHeap = java.util.regex.Pattern.compile("-Xmx(\\d+[mg])").matcher(heapOptions);
            assertThat(maxHeap.find()).as(name + " sets its heap").isTrue();
            assertThat(bytes(maxHeap.group(1)) * 2).as(name + " heap against its limit")
                    .isLessThanOrEqualTo(bytes(broker.path("mem_limit").asText()));
        });
        compose.path("services").fields().forEachRemaining(service -> assertThat(
                service.getValue().path("logging").path("options").path("max-size").asText())
                .as(service.getKey() + " rotates its log").isNotEmpty());
    }

    private static long bytes(String size) {
        long number = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'm' -> number << 20;
            case 'g' -> number << 30;
            default -> throw new IllegalArgumentException("a size in m or g: " + size);
        };
    }

    @Test
    void shouldOnlySetVariablesTheServiceReads() {
        Set<String> known = ServiceSource.settings();
        assertThat(known).as("settings parsed from ServiceConfig.DEFAULTS")
                .contains("PORT", "KAFKA_BOOTSTRAP_SERVERS", "REPLICATION_FACTOR", "ADVERTISED_HOST")
                .hasSizeGreaterThan(10);

        serviceInstances().forEach((name, service) -> assertThat(DeploymentFiles.environment(service).keySet())
                .as("variables %s sets that the service does not read (known: %s)", name, known)
                .isSubsetOf(known));
    }

    @Test
    void shouldMountOnlyFilesThatAreInTheRepository() {
        List<String> missing = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service -> service.getValue().path("volumes")
                .forEach(volume -> {
                    String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                    if (source.startsWith(".") || source.startsWith("/")) {
                        Path file = COMPOSE.getParent().resolve(source).normalize();
                        if (!Files.exists(file)) {
                            missing.add(service.getKey() + " mounts " + source);
                        }
                    }
                }));

        assertThat(missing).as("bind mounts whose source is missing").isEmpty();
    }

    static Map<String, JsonNode> serviceInstances() {
        return new ComposeFileTest().servicesWhere(s -> s.path("build").path("dockerfile").asText()
                .equals("docker/Dockerfile"));
    }

    Map<String, JsonNode> servicesWhere(java.util.function.Predicate<JsonNode> filter) {
        Map<String, JsonNode> matching = new LinkedHashMap<>();
        compose.path("services").fields().forEachRemaining(e -> {
            if (filter.test(e.getValue())) {
                matching.put(e.getKey(), e.getValue());
            }
        });
        return matching;
    }

    /** Named volumes a service mounts (bind mounts of files excluded). */
    private static List<String> volumeNames(JsonNode service) {
        List<String> names = new ArrayList<>();
        service.path("volumes").forEach(volume -> {
            String source = volume.asText().split(":")[0];
            if (!source.startsWith(".") && !source.startsWith("/")) {
                names.add(source);
            }
        });
        return names;
    }

    private static List<String> mountTargets(JsonNode service) {
        List<String> targets = new ArrayList<>();
        service.path("volumes").forEach(volume -> targets.add(volume.asText().split(":")[1]));
        return targets;
    }
}
