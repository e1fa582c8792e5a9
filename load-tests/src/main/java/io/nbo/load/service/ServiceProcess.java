package io.nbo.load.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The offer service started as a child process, the way an operator runs it ({@code java -jar}), on free
 * loopback ports with a fresh state directory, an embedded broker and the demo catalogue. {@link #close}
 * stops it (SIGTERM, then SIGKILL after 30 s) and deletes the state, unless asked to keep it or the service
 * had exited by itself (then its log is what explains why).
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path workDir;
    private final int httpPort;
    private final int kafkaPort;
    private boolean keepState;
    private List<ProcessHandle> children = List.of();

    private final String apiKey;

    private ServiceProcess(Process process, Path workDir, int httpPort, int kafkaPort, boolean keepState,
                           String apiKey) {
        this.apiKey = apiKey;
        this.process = process;
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.kafkaPort = kafkaPort;
        this.keepState = keepState;
    }

    public static ServiceProcess start(Path jar, List<String> javaOptions, boolean keepState) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist; build it first with "
                    + "mvn -B -q -DskipTests package (or pass --url of a running service)");
        }
        int[] ports = freePorts(3);
        Path workDir = Files.createTempDirectory("nbo-load-");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("service.log").toFile());
        Map<String, String> env = builder.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("PORT", Integer.toString(ports[0]));
        env.put("HOST", "127.0.0.1");
        env.put("ADVERTISED_HOST", "127.0.0.1");
        env.put("STATE_DIR", workDir.resolve("state").toString());
        env.put("EMBEDDED_KAFKA_PORT", Integer.toString(ports[1]));
        env.put("EMBEDDED_CONTROLLER_PORT", Integer.toString(ports[2]));
        env.put("DEMO_CATALOGUE", "true");
        env.put("DEMO_EVENTS_PER_SECOND", "0");
        String apiKey = "load-admin-" + java.util.UUID.randomUUID();
        env.put("API_KEYS", "admin:" + apiKey);
        ServiceProcess service = new ServiceProcess(builder.start(), workDir, ports[0], ports[1], keepState,
                apiKey);
        Runtime.getRuntime().addShutdownHook(new Thread(service::kill, "stop-service-under-test"));
        return service;
    }

    /** The admin key the service was started with. */
    public String apiKey() {
        return apiKey;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The embedded broker, as the service itself names it. */
    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /**
     * Stops the service gracefully and then measures its Kafka Streams state on disk: a stopping service
     * flushes RocksDB's memtables, so every store's data is in files only then.
     */
    public long stopAndMeasureState() throws IOException {
        kill();
        return streamsStateBytes();
    }

    /** Bytes on disk of the service's Kafka Streams state (RocksDB stores and checkpoints; not the broker). */
    private long streamsStateBytes() throws IOException {
        Path streams = workDir.resolve("state/streams");
        if (!Files.isDirectory(streams)) {
            return 0;
        }
        try (var files = Files.walk(streams)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // a RocksDB file compacted away while walking
                }
            }).sum();
        }
    }

    public Path logFile() {
        return workDir.resolve("service.log");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Remembers the service's child processes (its embedded broker) once it is up, to notice if one dies. */
    public void recordChildren() {
        children = process.descendants().toList();
    }

    /** What went wrong with the service or its broker so far, in words; empty when nothing did. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!process.isAlive()) {
            problems.add("the service exited during the run (code " + process.exitValue() + "); see " + logFile());
        }
        children.stream().filter(child -> !child.isAlive()).forEach(child -> problems.add("the service's child "
                + "process " + child.pid() + " (its embedded broker) exited during the run; see "
                + workDir.resolve("state/kafka/broker.log")));
        return problems;
    }

    /** Keeps the state directory and logs when the run ends, so a failure can be looked into. */
    public void keepForInspection() {
        keepState = true;
    }

    @Override
    public void close() {
        boolean exitedByItself = !process.isAlive();
        kill();
        if (!keepState && !exitedByItself) {
            deleteRecursively(workDir);
        }
    }

    private void kill() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // The embedded broker stops when its parent's pipe closes; make sure of it.
        descendants.forEach(child -> awaitExit(child, Duration.ofSeconds(10)));
    }

    private static void awaitExit(ProcessHandle child, Duration timeout) {
        try {
            child.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            child.destroyForcibly();
        }
    }

    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
