package io.nbo.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production topology in a {@link TopologyTestDriver}, exactly-once, with a fresh state directory. */
final class TestDrivers {
    private static final List<Path> STATE_DIRS = new CopyOnWriteArrayList<>();

    static {
        // Deleted when the test JVM exits: a closed driver leaves its stores' files behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STATE_DIRS.forEach(TestDrivers::delete)));
    }

    private TestDrivers() {
    }

    /** The dead-letter topic, as a test reads what the topology set aside. */
    static org.apache.kafka.streams.TestOutputTopic<String, byte[]> deadLetters(TopologyTestDriver driver) {
        return driver.createOutputTopic(io.nbo.schemas.topics.Topics.DEAD_LETTER.name(),
                org.apache.kafka.common.serialization.Serdes.String().deserializer(),
                org.apache.kafka.common.serialization.Serdes.ByteArray().deserializer());
    }

    /** {@code customerId} logs in from {@code anonymousId}'s session, straight on the clickstream topic. */
    static void login(org.apache.kafka.streams.TestInputTopic<String, byte[]> clickstream, String eventId,
                      String customerId, String anonymousId, long at) {
        clickstream.pipeInput(customerId, """
                {"type":"login","eventId":"%s","customerId":"%s","anonymousId":"%s","timestamp":%d,
                 "channel":"web"}""".formatted(eventId, customerId, anonymousId, at)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static TopologyTestDriver start(String applicationId) throws IOException {
        return start(applicationId, new ActiveStores());
    }

    static TopologyTestDriver start(String applicationId, ActiveStores running) throws IOException {
        return start(applicationId, running, java.time.Instant.now());
    }

    static TopologyTestDriver start(String applicationId, TopologyConfig config) throws IOException {
        return start(applicationId, config, new ActiveStores(), java.time.Instant.now());
    }

    static TopologyTestDriver start(String applicationId, ActiveStores running, java.time.Instant wallClock)
            throws IOException {
        return start(applicationId, TopologyConfig.defaults(), running, wallClock);
    }

    private static TopologyTestDriver start(String applicationId, TopologyConfig config, ActiveStores running,
                                            java.time.Instant wallClock) throws IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // The service's failure handling and its RocksDB memory budget, so the drivers' stores run as the service's.
        Properties service = StreamsSettings.properties("settings", "unused:9092", "unused", "unused:1", 1, 1, 0, 100,
                64L << 20, 100);
        for (String key : List.of(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, SharedRocksDbMemory.BUDGET_CONFIG)) {
            props.put(key, service.get(key));
        }
        return new TopologyTestDriver(OfferTopology.build(config, running), props, wallClock);
    }

    private static Path stateDir() throws IOException {
        Path dir = Files.createTempDirectory("ttd");
        STATE_DIRS.add(dir);
        return dir;
    }

    private static void delete(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left to the system's cleaning of its temporary directory.
        }
    }
}
