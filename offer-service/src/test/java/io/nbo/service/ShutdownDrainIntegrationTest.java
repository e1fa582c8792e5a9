package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With SHUTDOWN_DRAIN_MS, a stopping instance first says it is not ready and keeps answering for that long, so
 * that a load balancer sends new requests elsewhere before the port closes.
 */
class ShutdownDrainIntegrationTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldSayItIsStoppingAndKeepAnsweringForTheDrain() throws Exception {
        OfferService service = OfferService.start(TestServices.config(stateDir, Map.of("SHUTDOWN_DRAIN_MS", "3000")));
        Http http = new Http("http://127.0.0.1:" + service.httpPort());
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/health/ready").status() == 200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::close);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            Http.Reply ready = http.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("stopping").asBoolean()).isTrue();
        });
        assertThat(http.get("/v1/customers/drain-1/offers").status()).as("still answering").isEqualTo(200);
        assertThat(http.get("/health/live").status()).as("a deliberate stop is no failure").isEqualTo(200);
        assertThat(stopping).as("the drain lasts SHUTDOWN_DRAIN_MS").isNotDone();
        stopping.get();
        assertThat(service.streamsStoppedOnTheirOwn().toCompletableFuture())
                .as("Kafka Streams closed by the service's own stop").isNotDone();
    }
}
