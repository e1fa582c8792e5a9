package io.nbo.service.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl+C in a terminal signals the whole process group, the embedded broker included: the broker must outlive
 * the signal, so that the service can commit and leave its group before it closes the broker.
 */
class BrokerProcessSignalsTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldOutliveATerminalsSignalsAndStopWhenTheServiceClosesIt() throws Exception {
        BrokerProcess broker = BrokerProcess.start(dataDir, freePort(), freePort(), 1);
        try {
            for (String signal : new String[]{"-INT", "-TERM"}) {
                Process kill = new ProcessBuilder("kill", signal, Long.toString(broker.pid())).start();
                assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(kill.exitValue()).as("kill %s", signal).isZero();
            }
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(broker::isAlive);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
            }
        } finally {
            Instant closing = Instant.now();
            broker.close();
            assertThat(broker.isAlive()).isFalse();
            assertThat(Duration.between(closing, Instant.now())).isLessThan(Duration.ofSeconds(30));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
