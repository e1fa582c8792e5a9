package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams ending while the HTTP server still runs leaves an instance answering from state nothing updates:
 * liveness then says so, and the service reports it, which ends the process (Main) for its supervisor to restart.
 */
class StreamsStoppedIntegrationTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldReportStreamsThatStoppedOnTheirOwnAsNotLive() throws Exception {
        try (OfferService service = OfferService.start(TestServices.config(stateDir, Map.of()))) {
            Http http = new Http("http://127.0.0.1:" + service.httpPort());
            assertThat(http.get("/health/live").status()).isEqualTo(200);

            // Stands in for a failure that ends the client: the service itself did not ask for it.
            service.streams().close(Duration.ofSeconds(30));

            assertThat(service.streamsStoppedOnTheirOwn().toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .isIn(KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Http.Reply live = http.get("/health/live");
                assertThat(live.status()).isEqualTo(503);
                assertThat(live.json().get("status").asText()).isEqualTo("DOWN");
                assertThat(live.json().get("streams").asText()).isEqualTo("NOT_RUNNING");
            });
            assertThat(http.get("/health/ready").status()).isEqualTo(503);
        }
    }

    @Test
    void shouldStopWhenATopicItReadsIsDeleted() throws Exception {
        try (OfferService service = OfferService.start(TestServices.config(stateDir, Map.of()));
             org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                     org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     service.bootstrapServers()))) {
            admin.deleteTopics(java.util.List.of(io.nbo.schemas.topics.Topics.CLICKSTREAM.name())).all()
                    .get(30, TimeUnit.SECONDS);

            assertThat(service.streamsStoppedOnTheirOwn().toCompletableFuture().get(120, TimeUnit.SECONDS))
                    .as("a thread replaced for a topic that is gone would fail again").isIn(
                            KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR);
        }
    }
}
