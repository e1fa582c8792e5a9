package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nbo.service.config.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A second start on the same state directory resumes where the first stopped. */
class RestartIntegrationTest {

    @Test
    void shouldResumeProfilesAndCatalogueAfterARestart() throws Exception {
        Path stateDir = TempDirs.create("nbo-restart");
        int kafkaPort = TestServices.freePort();
        int controllerPort = TestServices.freePort();
        ServiceConfig config = TestServices.config(stateDir, kafkaPort, controllerPort);
        // Partitions stay as created: a different count asked for later must not move customers off their state.
        ServiceConfig morePartitions = TestServices.config(stateDir, java.util.Map.of("EMBEDDED_KAFKA_PORT",
                Integer.toString(kafkaPort), "EMBEDDED_CONTROLLER_PORT", Integer.toString(controllerPort),
                "TOPIC_PARTITIONS", "5"));

        try (OfferService first = OfferService.start(config)) {
            Http http = new Http("http://127.0.0.1:" + first.httpPort());
            assertThat(http.put("/v1/offers/r-offer", """
                    {"campaignId":"r","name":"Kept","channels":["web"],"value":5,"priority":1}""").status())
                    .isEqualTo(201);
            assertThat(http.post("/v1/events", """
                    {"type":"purchase","eventId":"r-1","customerId":"r-cust","timestamp":"%s","channel":"web",
                     "amount":42,"currency":"EUR"}""".formatted(Instant.now())).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(http.get("/v1/customers/r-cust").status()).isEqualTo(200));
        }

        try (OfferService second = OfferService.start(morePartitions)) {
            Http http = new Http("http://127.0.0.1:" + second.httpPort());
            assertThat(http.get("/v1/admin/config").json().at("/settings/TOPIC_PARTITIONS").asText())
                    .isEqualTo("3 (the topics' own; 5 was asked for)");
            assertThat(http.get("/v1/customers/r-cust").json().at("/spend/total").asDouble()).isEqualTo(42.0);
            assertThat(http.get("/v1/offers/r-offer").json().get("name").asText()).isEqualTo("Kept");
            assertThat(http.post("/v1/events", """
                    {"type":"purchase","eventId":"r-1","customerId":"r-cust","timestamp":"%s","channel":"web",
                     "amount":42,"currency":"EUR"}""".formatted(Instant.now())).status()).isEqualTo(202);
            assertThat(http.post("/v1/events", """
                    {"type":"purchase","eventId":"r-2","customerId":"r-cust","timestamp":"%s","channel":"web",
                     "amount":8,"currency":"EUR"}""".formatted(Instant.now())).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(http.get("/v1/customers/r-cust").json().at("/spend/total").asDouble()).isEqualTo(50.0));
            assertThat(http.get("/v1/customers/r-cust").json().at("/spend/purchases").asInt()).isEqualTo(2);
        }
    }
}
