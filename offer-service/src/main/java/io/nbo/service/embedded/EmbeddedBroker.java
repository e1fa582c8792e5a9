package io.nbo.service.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft Kafka (combined broker and controller) on a data directory. Run through
 * {@link BrokerProcess} in its own JVM so the broker's garbage and threads never touch the service's
 * latency, and so a test can kill either one on its own. Storage is formatted once; a later start on the
 * same directory resumes with the same cluster id and data.
 */
public final class EmbeddedBroker {
    private static final int NODE_ID = 1;

    private EmbeddedBroker() {
    }

    /** Arguments: data directory, broker port, controller port. Stops when standard input closes. */
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        // Ctrl+C in a terminal signals the service and this child alike. Left to the signal, the broker would be
        // gone while the service still commits and leaves its group, and the service would wait half a minute
        // for it; the service stops the broker last, through the pipe below.
        for (String signal : new String[]{"INT", "TERM"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), sun.misc.SignalHandler.SIG_IGN);
        }
        KafkaRaftServer server;
        try {
            server = start(dataDir, port, controllerPort, Integer.parseInt(args.length > 3 ? args[3] : "6"));
        } catch (Throwable e) {
            // Deaf to signals, a half-started broker must not linger: its threads would keep the JVM alive.
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
            return;
        }
        System.out.println("BROKER STARTED on localhost:" + port);
        // The parent holds our stdin open; when it dies or closes it, we stop too and free the ports.
        while (System.in.read() >= 0) {
            // keep reading until end of stream
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(2);
        }, "broker-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        server.shutdown();
        server.awaitShutdown();
        System.exit(0);
    }

    static KafkaRaftServer start(Path dataDir, int port, int controllerPort, int partitions) throws Exception {
        Path logDir = dataDir.resolve("kraft-logs");
        Files.createDirectories(logDir);
        Properties props = brokerProperties(logDir, port, controllerPort, partitions);
        format(logDir, dataDir.resolve("cluster.id"));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    static Properties brokerProperties(Path logDir, int port, int controllerPort, int partitions) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", Integer.toString(partitions));
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        return props;
    }

    private static void format(Path logDir, Path clusterIdFile) throws Exception {
        String clusterId = readOrCreateClusterId(clusterIdFile);
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setIgnoreFormatted(true)
                    .run();
        }
    }

    private static String readOrCreateClusterId(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }
}
