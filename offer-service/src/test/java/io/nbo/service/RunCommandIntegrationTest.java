package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a newcomer uses it: a JVM of its own with {@code --demo-traffic}, which prints its
 * URL and keys, answers with the demo catalogue, and on SIGTERM (Ctrl+C) stops itself and its broker and says so.
 */
class RunCommandIntegrationTest {
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path stateDir;

    @Test
    void shouldStartWithTheDemoPrintItsUrlAndKeysAndStopOnSigterm() throws Exception {
        int port = freePort();
        Process service = startMain(Map.of("PORT", Integer.toString(port), "SHUTDOWN_DRAIN_MS", "200"),
                "--demo-traffic");
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = readLines(service, output);
        try {
            await().atMost(START).until(() -> !service.isAlive()
                    || output.stream().anyMatch(line -> line.startsWith("Next-best-offer service ready at")));
            assertThat(output).as(String.join("\n", output))
                    .contains("Next-best-offer service ready at http://localhost:" + port);
            String marketerKey = output.stream().map(String::trim).filter(line -> line.startsWith("NBO_MARKETER_KEY="))
                    .map(line -> line.substring("NBO_MARKETER_KEY=".length())).findFirst().orElseThrow();

            HttpClient http = HttpClient.newHttpClient();
            HttpRequest listOffers = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/offers"))
                    .header("X-API-Key", marketerKey).build();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> offers = http.send(listOffers, HttpResponse.BodyHandlers.ofString());
                assertThat(offers.statusCode()).isEqualTo(200);
                assertThat(new ObjectMapper().readTree(offers.body()).get("count").asInt()).as("the demo catalogue")
                        .isEqualTo(15);
            });

            List<ProcessHandle> children = service.descendants().toList();
            assertThat(children).as("the embedded broker").isNotEmpty();
            // SIGTERM, as Ctrl+C's SIGINT; Process.destroy() would also close the output the stop is read from.
            service.toHandle().destroy();
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            reader.join(5_000);
            assertThat(output).as(String.join("\n", output)).contains("Next-best-offer service stopped")
                    .anyMatch(line -> line.endsWith("Stopping: not ready, still answering for 200 ms (SHUTDOWN_DRAIN_MS)"))
                    .noneMatch(line -> line.contains("Unable to register Log4j shutdown hook"));
            assertThat(children).noneMatch(ProcessHandle::isAlive);
        } finally {
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroyForcibly();
        }
    }

    @Test
    void shouldSaySoWhenStoppedWhileStarting() throws Exception {
        Process service = startMain(Map.of("PORT", Integer.toString(freePort())));
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = readLines(service, output);
        try {
            // The broker, a child JVM, is the first thing the start makes; the service is far from ready then.
            await().atMost(START).until(() -> !service.isAlive() || service.descendants().findAny().isPresent());
            List<ProcessHandle> children = service.descendants().toList();
            service.toHandle().destroy();

            assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            reader.join(5_000);
            assertThat(output).as(String.join("\n", output)).contains("Next-best-offer service stopped before it was ready")
                    .noneMatch(line -> line.startsWith("Next-best-offer service ready"));
            await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroyForcibly();
        }
    }

    @Test
    void shouldExitWithStatusOneWhenKafkaStreamsStopsOnItsOwnAndStartAgainWithItsTopics() throws Exception {
        // The same ports for the start after: the broker keeps its data, and the service its keys' state directory.
        Map<String, String> environment = Map.of("PORT", Integer.toString(freePort()),
                "EMBEDDED_KAFKA_PORT", Integer.toString(freePort()),
                "EMBEDDED_CONTROLLER_PORT", Integer.toString(freePort()));
        Process service = startMain(environment);
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = readLines(service, output);
        try {
            awaitReady(service, output);
            String bootstrap = output.stream().map(String::trim).filter(line -> line.startsWith("Kafka: "))
                    .map(line -> line.substring("Kafka: ".length()).split(" ")[0]).findFirst().orElseThrow();
            List<ProcessHandle> children = service.descendants().toList();
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                    org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.deleteTopics(List.of(io.nbo.schemas.topics.Topics.CLICKSTREAM.name())).all()
                        .get(30, TimeUnit.SECONDS);
            }

            assertThat(service.waitFor(120, TimeUnit.SECONDS)).as("ended on its own").isTrue();
            reader.join(5_000);
            assertThat(service.exitValue()).as(String.join("\n", output)).isEqualTo(1);
            assertThat(output).anyMatch(line -> line.startsWith("Kafka Streams stopped on its own (")
                            && line.contains("ERROR"))
                    .contains("Next-best-offer service stopped");
            await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));

            startAgain(environment);
        } finally {
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroyForcibly();
        }
    }

    @Test
    void shouldStartAgainAfterBeingKilled() throws Exception {
        // The same ports for the start after: the broker keeps its data, and the service its state directory.
        int port = freePort();
        Map<String, String> environment = Map.of("PORT", Integer.toString(port),
                "EMBEDDED_KAFKA_PORT", Integer.toString(freePort()),
                "EMBEDDED_CONTROLLER_PORT", Integer.toString(freePort()));
        Process service = startMain(environment, "--demo-traffic=50");
        List<String> output = new CopyOnWriteArrayList<>();
        readLines(service, output);
        try {
            awaitReady(service, output);
            // Shoppers deciding: the global stores (campaign totals, models) take writes until the kill.
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Scrape.value(http.send(metrics,
                    HttpResponse.BodyHandlers.ofString()).body(), "nbo_decisions_total") >= 20);
            List<ProcessHandle> children = service.descendants().toList();
            service.destroyForcibly();
            assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
            // What a kill leaves once a global store's memtable was flushed while open (the flush, not the kill, is
            // what a short test cannot time): the store recorded as open, which Kafka Streams refuses at every start.
            leaveOpen(stateDir.resolve("streams/nbo-offer-service/global/rocksdb/campaign-stats-global"));

            assertThat(startAgain(environment)).anyMatch(line -> line.contains("The last stop was not clean"));
        } finally {
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroyForcibly();
        }
    }

    /** Starts the run command again on the same state and ports, and returns what it printed once ready. */
    private List<String> startAgain(Map<String, String> environment) throws Exception {
        Process again = startMain(environment);
        List<String> output = new CopyOnWriteArrayList<>();
        readLines(again, output);
        try {
            awaitReady(again, output);
            return output;
        } finally {
            again.descendants().forEach(ProcessHandle::destroyForcibly);
            again.destroyForcibly();
        }
    }

    /** Records a RocksDB store of Kafka Streams as still open, as its offsets column family does while it runs. */
    private static void leaveOpen(Path store) throws Exception {
        org.rocksdb.RocksDB.loadLibrary();
        List<org.rocksdb.ColumnFamilyDescriptor> families = new ArrayList<>();
        for (byte[] name : org.rocksdb.RocksDB.listColumnFamilies(new org.rocksdb.Options(), store.toString())) {
            families.add(new org.rocksdb.ColumnFamilyDescriptor(name));
        }
        List<org.rocksdb.ColumnFamilyHandle> handles = new ArrayList<>();
        try (org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(new org.rocksdb.DBOptions(), store.toString(), families,
                handles)) {
            for (int i = 0; i < families.size(); i++) {
                if (new String(families.get(i).getName(), StandardCharsets.UTF_8).equals("offsets")) {
                    db.put(handles.get(i), "status".getBytes(StandardCharsets.UTF_8),
                            java.nio.ByteBuffer.allocate(Long.BYTES).putLong(1L).array());
                }
            }
            handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
        }
    }

    private static void awaitReady(Process service, List<String> output) {
        await().atMost(START).until(() -> !service.isAlive()
                || output.stream().anyMatch(line -> line.startsWith("Next-best-offer service ready at")));
        assertThat(output).as(String.join("\n", output))
                .anyMatch(line -> line.startsWith("Next-best-offer service ready at"));
    }

    /** The run command in a JVM of its own, on this test's state directory and free broker ports. */
    private Process startMain(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                // The service's own logging configuration, not the tests': how it logs while it stops is checked.
                "-Dlog4j2.configurationFile=log4j2.xml", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("STATE_DIR", stateDir.toString(),
                "EMBEDDED_KAFKA_PORT", Integer.toString(freePort()),
                "EMBEDDED_CONTROLLER_PORT", Integer.toString(freePort())));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Collects the process's output lines as they come, on a thread of its own. */
    private static Thread readLines(Process process, List<String> output) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (Exception e) {
                output.add("reading failed: " + e);
            }
        });
        reader.start();
        return reader;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
