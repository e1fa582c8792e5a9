package io.nbo.load.fault;

import java.io.IOException;
import java.net.ServerSocket;
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
 * The broker and the instances under test, each a JVM of its own on free loopback ports in one temporary
 * directory, and the faults done to them. Closing kills every process it started; the directory (with every
 * log) is deleted only after a passing run.
 */
final class FaultCluster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path workDir;
    private final BrokerNode broker;
    private final List<ServiceNode> nodes = new ArrayList<>();
    private final ServiceApi api;
    private final Timeline timeline;
    private boolean keepFiles = true;

    private FaultCluster(Path workDir, BrokerNode broker, ServiceApi api, Timeline timeline) {
        this.workDir = workDir;
        this.broker = broker;
        this.api = api;
        this.timeline = timeline;
    }

    /** A broker and {@code instances} instances sharing {@code settings}, started at once and ready. */
    static FaultCluster start(int instances, int partitions, Map<String, String> settings, ServiceApi api,
                              Timeline timeline) throws Exception {
        Path jar = PackagedService.jar();
        Path workDir = Files.createTempDirectory("nbo-fault-");
        int[] ports = freePorts(2 + instances);
        FaultCluster cluster = new FaultCluster(workDir, new BrokerNode(jar, workDir.resolve("broker"), ports[0],
                ports[1], partitions), api, timeline);
        try {
            cluster.broker.start();
            timeline.log("broker up on %s (work dir %s)", cluster.broker.bootstrapServers(), workDir);
            for (int i = 1; i <= instances; i++) {
                ServiceNode node = new ServiceNode("instance-" + i, jar, workDir.resolve("instance-" + i),
                        ports[1 + i], cluster.broker.bootstrapServers(), settings);
                cluster.nodes.add(node);
                node.start();
            }
            cluster.awaitAllReady();
            cluster.nodes.forEach(node -> timeline.log("%s ready on %s", node.name(), node.url()));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    List<ServiceNode> nodes() {
        return nodes;
    }

    ServiceNode node(int index) {
        return nodes.get(index);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    void awaitAllReady() throws InterruptedException {
        for (ServiceNode node : nodes) {
            node.awaitReady(api, READY_TIMEOUT);
        }
    }

    /** SIGKILL, then a new process on the same port and state directory, until every instance is ready. */
    void crashAndRestart(ServiceNode node) throws Exception {
        timeline.log("SIGKILL %s", node.name());
        node.killAbruptly();
        node.start();
        awaitAllReady();
        timeline.log("%s restarted on its state directory; every instance ready", node.name());
    }

    /** SIGKILL the broker, then start it again on the same data directory and ports. */
    void crashAndRestartBroker(Duration down) throws Exception {
        timeline.log("SIGKILL the broker");
        broker.killAbruptly();
        TimeUnit.MILLISECONDS.sleep(down.toMillis());
        broker.start();
        timeline.log("broker restarted on the same data directory");
        awaitAllReady();
        timeline.log("every instance ready again");
    }

    /** What to check while an instance is frozen; it must return within the freeze. */
    interface WhileFrozen {
        void check() throws Exception;
    }

    /**
     * SIGSTOP for {@code duration}, running {@code whileFrozen} meanwhile, then SIGCONT: past the session
     * timeout, the group moves on without the frozen instance, which finds itself fenced when it wakes.
     */
    void freeze(ServiceNode node, Duration duration, WhileFrozen whileFrozen) throws Exception {
        timeline.log("SIGSTOP %s for %d s", node.name(), duration.toSeconds());
        long thawAt = System.nanoTime() + duration.toNanos();
        node.freeze();
        try {
            whileFrozen.check();
            TimeUnit.NANOSECONDS.sleep(Math.max(0, thawAt - System.nanoTime()));
        } finally {
            node.thaw();
        }
        timeline.log("SIGCONT %s", node.name());
        awaitAllReady();
        timeline.log("every instance ready again");
    }

    /** The run passed: nothing to look into, so the directory goes with the processes. */
    void deleteFilesOnClose() {
        keepFiles = false;
    }

    @Override
    public void close() throws Exception {
        for (ServiceNode node : nodes) {
            node.close();
        }
        broker.close();
        if (keepFiles) {
            timeline.log("kept for inspection: %s (instance-*/service.log, broker/broker.log)", workDir);
        } else {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
                ports[i] = sockets.get(i).getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
