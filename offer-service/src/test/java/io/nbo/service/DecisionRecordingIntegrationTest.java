package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nbo.service.embedded.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision that cannot be written to Kafka escapes caps, learning and campaign results: while the broker is
 * gone the service refuses decisions (503, Retry-After) and says so in its readiness answer, and once the broker
 * is back, decides again by itself.
 */
class DecisionRecordingIntegrationTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldRefuseDecisionsWhileKafkaIsGoneAndDecideAgainWhenItIsBack() throws Exception {
        int kafkaPort = TestServices.freePort();
        int controllerPort = TestServices.freePort();
        BrokerProcess broker = BrokerProcess.start(dataDir.resolve("kafka"), kafkaPort, controllerPort, 3);
        try (OfferService service = OfferService.start(TestServices.config(dataDir.resolve("service"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())))) {
            Http http = new Http("http://127.0.0.1:" + service.httpPort());
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/health/ready").status() == 200);
            assertThat(http.get("/v1/customers/rec-1/offers").status()).isEqualTo(200);

            broker.close();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Http.Reply refused = http.get("/v1/customers/rec-1/offers");
                Http.assertProblem(refused, 503, "/problems/unavailable");
                assertThat(refused.retryAfter()).isNotNull();
                assertThat(refused.json().get("detail").asText()).startsWith("decisions cannot be recorded now");
            });
            Http.Reply ready = http.get("/health/ready");
            assertThat(ready.status()).as("ready stays a matter of state, so that requests keep probing").isEqualTo(200);
            assertThat(ready.json().get("decisions").asText()).startsWith("REFUSED: ");
            assertThat(http.get("/v1/customers/rec-1/offers?preview=true").status()).as("a preview records nothing")
                    .isEqualTo(200);

            broker = BrokerProcess.start(dataDir.resolve("kafka"), kafkaPort, controllerPort, 3);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(http.get("/v1/customers/rec-1/offers").status()).isEqualTo(200);
                assertThat(http.get("/health/ready").json().get("decisions").asText()).isEqualTo("RECORDED");
            });
        } finally {
            broker.close();
        }
    }
}
