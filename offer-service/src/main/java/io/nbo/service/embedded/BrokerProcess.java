package io.nbo.service.embedded;

import io.nbo.service.config.InvalidConfigException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts {@link EmbeddedBroker} as a child JVM and waits until it answers; closing it stops the broker. */
public final class BrokerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final OutputStream lifeline;
    private final String bootstrapServers;
    private final Path logFile;

    private BrokerProcess(Process process, String bootstrapServers, Path logFile) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
    }

    public static BrokerProcess start(Path dataDir, int port, int controllerPort, int partitions)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path logFile = dataDir.resolve("broker.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-Dlog4j2.level=WARN",
                "-Dlog4j2.configurationFile=classpath:log4j2-broker.xml", "-cp", childClasspath(),
                EmbeddedBroker.class.getName(), dataDir.toAbsolutePath().toString(), Integer.toString(port),
                Integer.toString(controllerPort), Integer.toString(partitions)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        // No shutdown hook of its own: the service stops the broker last, after Kafka Streams has left its group;
        // if the service dies instead, the closed pipe stops the broker.
        BrokerProcess broker = new BrokerProcess(process, "localhost:" + port, logFile);
        broker.awaitReady();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(adminConfig)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("embedded broker exited with code " + process.exitValue()
                            + "; see " + logFile);
                }
                try {
                    var cluster = admin.describeCluster();
                    if (!cluster.nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        requireOwnCluster(cluster.clusterId().get(3, TimeUnit.SECONDS));
                        LOG.info("Embedded Kafka broker ready on {}", bootstrapServers);
                        return;
                    }
                } catch (InvalidConfigException e) {
                    throw e;
                } catch (Exception notYet) {
                    LOG.debug("Broker not ready yet: {}", notYet.getMessage());
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        close();
        throw new IllegalStateException("embedded broker did not start within " + START_TIMEOUT + "; see " + logFile);
    }

    /** The broker that answered must be the child, not another service's broker on the same port. */
    private void requireOwnCluster(String answered) throws IOException {
        Path idFile = logFile.resolveSibling("cluster.id");
        String own = Files.isRegularFile(idFile) ? Files.readString(idFile).trim() : null;
        if (own != null && !own.equals(answered)) {
            close();
            throw new InvalidConfigException("EMBEDDED_KAFKA_PORT: " + bootstrapServers + " is another Kafka cluster's"
                    + " broker (another instance's embedded broker?); choose free ports for the embedded broker");
        }
    }

    /** The child runs from the same classes as this JVM; a runnable jar names its libraries in its manifest. */
    private static String childClasspath() {
        String classpath = System.getProperty("java.class.path");
        if (classpath.endsWith(".jar") && !classpath.contains(File.pathSeparator)) {
            Path jar = Path.of(classpath).toAbsolutePath();
            return jar + File.pathSeparator + jar.getParent().resolve("lib") + File.separator + "*";
        }
        return classpath;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            lifeline.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
