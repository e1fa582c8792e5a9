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
 * that a load balancer sends new requests elsewhere before the port closes; then it answers what is in progress.
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

    @Test
    void shouldAnswerRequestsInProgressBeforeStopping() throws Exception {
        OfferService service = OfferService.start(TestServices.config(stateDir, Map.of()));
        String base = "http://127.0.0.1:" + service.httpPort();
        Http http = new Http(base);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/health/ready").status() == 200);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String customer = "stop-1";
        int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                customer.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3;
        // A token ahead of the topic: the decision waits its 2 s for it, in progress when the stop comes.
        var waiting = client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/customers/"
                        + customer + "/offers?after=clickstream:" + partition + ":99999999"))
                        .header("X-API-Key", TestServices.AGENT_KEY).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var stream = client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                        + "/v1/stats/campaigns/stream")).header("X-API-Key", TestServices.ADMIN_KEY).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> Scrape.value(http.get("/metrics").body(),
                "http_server_in_flight") >= 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::close);
        var answer = waiting.get(20, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(answer.statusCode()).as("answered, not cut off: " + answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"positionReached\":false");
        assertThat(stream.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode())
                .as("a live stream is ended whole (no reset), so the browser reconnects elsewhere").isEqualTo(200);
        stopping.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
}
