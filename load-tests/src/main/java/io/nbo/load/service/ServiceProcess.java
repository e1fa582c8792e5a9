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
 * The offer service started as a child process, the way an operator runs it ({@code java -jar}): either on
 * free loopback ports with a fresh state directory, an embedded broker and the demo catalogue ({@link #start}),
 * or as one of several instances joining a broker that runs on its own ({@link #join}). {@link #close} stops
 * it (SIGTERM, then SIGKILL after 30 s) and deletes the state, unless asked to keep it or the service had
 * exited by itself (then its log is what explains why).
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path workDir;
    private final int httpPort;
    private final String bootstrapServers;
    private boolean keepState;
    /** Stopped by the harness before {@link #close}, to measure its state: no failure to keep the state for. */
    private boolean stoppedOnPurpose;
    private List<ProcessHandle> children = List.of();

    private final String apiKey;

    private ServiceProcess(Process process, Path workDir, int httpPort, String bootstrapServers, boolean keepState,
                           String apiKey) {
        this.apiKey = apiKey;
        this.process = process;
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.bootstrapServers = bootstrapServers;
        this.keepState = keepState;
    }

    public static ServiceProcess start(Path jar, List<String> javaOptions, boolean keepState) throws IOException {
        requireJar(jar);
        int[] ports = freePorts(3);
        Path workDir = Files.createTempDirectory("nbo-load-");
        ProcessBuilder builder = javaJar(jar, javaOptions, workDir, ports[0]);
        Map<String, String> env = builder.environment();
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("EMBEDDED_KAFKA_PORT", Integer.toString(ports[1]));
        env.put("EMBEDDED_CONTROLLER_PORT", Integer.toString(ports[2]));
        env.put("DEMO_CATALOGUE", "true");
        String apiKey = "load-admin-" + java.util.UUID.randomUUID();
        env.put("API_KEYS", "admin:" + apiKey);
        return launch(builder, workDir, ports[0], "localhost:" + ports[1], keepState, apiKey);
    }

    /**
     * An instance joining the broker at {@code bootstrapServers}, on {@code httpPort}, with its state in
     * {@code workDir/state} and {@code settings} (environment variables, e.g. APPLICATION_ID) on top of the
     * loopback defaults. Its log is appended to, and its work directory kept on close, so that a new process
     * started on the same directory after this one was killed resumes from the same state.
     */
    public static ServiceProcess join(Path jar, List<String> javaOptions, Path workDir, int httpPort,
                                      String bootstrapServers, Map<String, String> settings) throws IOException {
        requireJar(jar);
        Files.createDirectories(workDir);
        ProcessBuilder builder = javaJar(jar, javaOptions, workDir, httpPort);
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("DEMO_CATALOGUE", "false");
        env.putAll(settings);
        return launch(builder, workDir, httpPort, bootstrapServers, true, null);
    }

    private static void requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist; build it first with "
                    + "mvn -B -q -DskipTests package (or pass --url of a running service)");
        }
    }

    /** {@code java -jar} itself, not a shell around it: signals sent to the process reach the service's JVM. */
    private static ProcessBuilder javaJar(Path jar, List<String> javaOptions, Path workDir, int httpPort) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("service.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(httpPort));
        env.put("HOST", "127.0.0.1");
        env.put("ADVERTISED_HOST", "127.0.0.1");
        env.put("STATE_DIR", workDir.resolve("state").toString());
        env.put("DEMO_EVENTS_PER_SECOND", "0");
        return builder;
    }

    private static ServiceProcess launch(ProcessBuilder builder, Path workDir, int httpPort, String bootstrapServers,
                                         boolean keepState, String apiKey) throws IOException {
        ServiceProcess service = new ServiceProcess(builder.start(), workDir, httpPort, bootstrapServers, keepState,
                apiKey);
        Runtime.getRuntime().addShutdownHook(new Thread(service::kill, "stop-service-under-test"));
        return service;
    }

    /** The admin key the harness started the service with; null for an instance given its keys in settings. */
    public String apiKey() {
        return apiKey;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The broker the service uses: its embedded one, as the service itself names it, or the one it joined. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Stops the service gracefully and then measures its Kafka Streams state on disk: a stopping service
     * flushes RocksDB's memtables, so every store's data is in files only then.
     */
    public long stopAndMeasureState() throws IOException {
        kill();
        stoppedOnPurpose = true;
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

    /** SIGKILL, as a crash or the kernel's OOM killer would: no shutdown hook runs, nothing is flushed. */
    public void killAbruptly() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    @Override
    public void close() {
        boolean exitedByItself = !process.isAlive() && !stoppedOnPurpose;
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
