package io.nbo.load.fault;

import io.nbo.load.service.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged service on a fixed HTTP port and state directory, so that after a SIGKILL a
 * new process resumes as the same instance: same {@code application.server}, same RocksDB state.
 */
final class ServiceNode implements AutoCloseable {
    private final String name;
    private final Path jar;
    private final Path workDir;
    private final int httpPort;
    private final String bootstrapServers;
    private final Map<String, String> settings;
    private ServiceProcess process;

    ServiceNode(String name, Path jar, Path workDir, int httpPort, String bootstrapServers,
                Map<String, String> settings) {
        this.name = name;
        this.jar = jar;
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    String name() {
        return name;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    Path logFile() {
        return workDir.resolve("service.log");
    }

    void start() throws IOException {
        process = ServiceProcess.join(jar, PackagedService.JAVA_OPTIONS, workDir, httpPort, bootstrapServers, settings);
    }

    void killAbruptly() throws InterruptedException {
        process.killAbruptly();
    }

    /** SIGSTOP: the JVM stops dead, sends no heartbeat and holds its open transaction, as in a long GC pause. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits until {@code /health/ready} answers 200 (Kafka Streams RUNNING); fails early if the JVM died. */
    void awaitReady(ServiceApi api, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited; see " + logFile());
            }
            try {
                ServiceApi.Reply reply = api.get(url(), "/health/ready");
                if (reply.status() == 200) {
                    return;
                }
                last = reply.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + " (" + last + "); see "
                + logFile());
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            // SIGKILL works on a stopped process too; a stop here is clean-up, its grace is not under test.
            killAbruptly();
        }
    }
}
