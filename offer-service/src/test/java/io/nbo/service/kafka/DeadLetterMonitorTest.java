package io.nbo.service.kafka;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadLetterMonitorTest {

    @Test
    void shouldPublishNoCountBeforeItHasReadOne() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (DeadLetterMonitor ignored = new DeadLetterMonitor("127.0.0.1:" + closedPort, registry)) {
            // A 0 here, followed by the real count once the brokers answer, would alert as that many new letters.
            await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                    .until(() -> registry.find("nbo.dead.letters").gauge() == null);
        }
    }
}
