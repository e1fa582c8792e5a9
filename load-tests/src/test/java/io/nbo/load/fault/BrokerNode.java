package io.nbo.load.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * The service's single-node KRaft broker ({@code io.nbo.service.embedded.EmbeddedBroker}) in a JVM of its own,
 * so it can be killed and started again on the same data directory and ports while the instances keep running.
 */
final class BrokerNode implements AutoCloseable {
    private static final String MAIN_CLASS = "io.nbo.service.embedded.EmbeddedBroker";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path jar;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private Process process;

    BrokerNode(Path jar, Path dataDir, int port, int controllerPort, int partitions) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    Path logFile() {
        return dataDir.resolve("broker.log");
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(PackagedService.java()));
        command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=classpath:log4j2-broker.xml", "-cp", PackagedService.classpath(jar),
                MAIN_CLASS, dataDir.toString(), Integer.toString(port), Integer.toString(controllerPort),
                Integer.toString(partitions)));
        // The broker stops when its standard input closes, so it never outlives this JVM; the pipe stays open.
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        awaitReady();
    }

    /** SIGKILL: no controlled shutdown, the logs are recovered on the next start. */
    void killAbruptly() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Ready when a broker answers on the port with this data directory's cluster id: another broker left
     * listening on the same port by someone else must not pass for this one.
     */
    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer yet";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with code " + process.exitValue() + "; see "
                            + logFile());
                }
                try {
                    DescribeClusterResult cluster = admin.describeCluster();
                    String clusterId = cluster.clusterId().get(3, TimeUnit.SECONDS);
                    Path idFile = dataDir.resolve("cluster.id");
                    if (!cluster.nodes().get(3, TimeUnit.SECONDS).isEmpty() && Files.exists(idFile)
                            && Files.readString(idFile).trim().equals(clusterId)) {
                        return;
                    }
                    last = "cluster " + clusterId + " answered, not this data directory's";
                } catch (Exception notYet) {
                    last = notYet.getMessage();
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IllegalStateException("the broker was not ready within " + START_TIMEOUT + " (" + last + "); see "
                + logFile());
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            killAbruptly();
        }
    }
}
