package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** A stopping instance answers the requests it is forwarding to their owner before it closes its client. */
class ForwardedStopIntegrationTest {
    @Test
    void shouldRelayTheOwnersAnswerToARequestInProgressWhenStopped() throws Exception {
        OfferService owner = OfferService.start(TestServices.config(TempDirs.create("nbo-owner"),
                TestServices.freePort(), TestServices.freePort()));
        OfferService stopping = OfferService.start(TestServices.config(TempDirs.create("nbo-stopping"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", owner.bootstrapServers())));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> owner.streams().state() == KafkaStreams.State.RUNNING
                    && stopping.streams().state() == KafkaStreams.State.RUNNING);
            Http via = new Http("http://127.0.0.1:" + stopping.httpPort());
            String ownerName = ":" + owner.httpPort();
            // A customer the other instance owns, once the group has settled.
            String customer = await().atMost(Duration.ofSeconds(60)).until(() -> {
                String id = "fwd-" + UUID.randomUUID();
                Http.Reply reply = via.get("/v1/customers/" + id + "/offers?preview=true");
                return reply.status() == 200 && reply.json().get("decidedBy").asText().endsWith(ownerName) ? id : null;
            }, id -> id != null);
            int partition = Utils.toPositive(Utils.murmur2(customer.getBytes(StandardCharsets.UTF_8))) % 3;
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // A token ahead of the topic: the owner waits its 2 s for it, while the stop comes to the forwarder.
            var waiting = client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stopping.httpPort()
                            + "/v1/customers/" + customer + "/offers?preview=true&after=clickstream:" + partition
                            + ":99999999")).header("X-API-Key", TestServices.AGENT_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(5)).until(() -> Scrape.value(via.get("/metrics").body(),
                    "http_server_in_flight") >= 1);

            CompletableFuture<Void> stop = CompletableFuture.runAsync(stopping::close);
            HttpResponse<String> answer = waiting.get(20, TimeUnit.SECONDS);

            assertThat(answer.statusCode()).as("the owner's answer, not a cut-off: " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"decidedBy\":\"localhost" + ownerName + "\"");
            stop.get(60, TimeUnit.SECONDS);
        } finally {
            TestServices.closeAll(stopping, owner);
        }
    }
}
