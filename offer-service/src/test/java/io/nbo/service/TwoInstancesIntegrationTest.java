package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of the application on one broker: either answers for every customer, one history each. */
class TwoInstancesIntegrationTest {
    private static OfferService first;
    private static OfferService second;
    private static Http one;
    private static Http two;

    @BeforeAll
    static void start() throws Exception {
        first = OfferService.start(TestServices.config(TempDirs.create("nbo-one"), TestServices.freePort(),
                TestServices.freePort()));
        second = OfferService.start(TestServices.config(TempDirs.create("nbo-two"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", first.bootstrapServers())));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.streams().state() == KafkaStreams.State.RUNNING
                && second.streams().state() == KafkaStreams.State.RUNNING);
        one = new Http("http://127.0.0.1:" + first.httpPort());
        two = new Http("http://127.0.0.1:" + second.httpPort());
        // RUNNING is not settled: right after the second instance joins, a follow-up rebalance may still move
        // partitions, and a decision then gets 503 with Retry-After. Each test starts once both answer.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < 16; i++) {
                for (Http instance : List.of(one, two)) {
                    Http.Reply reply = instance.get("/v1/customers/settle-" + i + "/offers?preview=true");
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        TestServices.closeAll(first, second);
    }

    @Test
    void shouldAnswerForEveryCustomerOnEitherInstanceFromTheOwnersState() {
        List<String> customers = TestServices.buyers(one, "two");

        Set<String> servers = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            servers.clear();
            for (int i = 0; i < customers.size(); i++) {
                for (Http instance : List.of(one, two)) {
                    Http.Reply reply = instance.get("/v1/customers/" + customers.get(i));
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                    assertThat(reply.json().at("/spend/total").asDouble()).isEqualTo(10.0 + i);
                }
                servers.add(two.get("/v1/customers/" + customers.get(i) + "/offers").json().get("decidedBy").asText());
            }
        });
        assertThat(servers).as("the partitions are spread over both instances").hasSize(2);
    }

    @Test
    void shouldDecideWithACatalogueChangeOnTheOtherInstanceOnceItsCopyHasIt() {
        String slot = "slot-" + UUID.randomUUID().toString().substring(0, 8);
        // A customer the second instance decides for, which reads its catalogue doing so.
        String customer = java.util.stream.Stream.generate(() -> "peer-" + UUID.randomUUID())
                .filter(id -> two.get("/v1/customers/" + id + "/offers?channel=web&placement=" + slot + "&preview=true")
                        .json().get("decidedBy").asText().endsWith(":" + second.httpPort()))
                .findFirst().orElseThrow();

        // Decisions keep flowing there, so its decisions' copy of the catalogue is always freshly read.
        String ask = "/v1/customers/" + customer + "/offers?channel=web&placement=" + slot + "&preview=true";
        var traffic = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        traffic.scheduleAtFixedRate(() -> two.get(ask), 0, 5, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            assertThat(one.put("/v1/offers/" + slot, """
                    {"campaignId":"peer","name":"Just added","channels":["web"],"placements":["%s"],"value":5,
                     "priority":1}""".formatted(slot)).status()).isEqualTo(201);
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> two.get("/v1/offers/" + slot).status() == 200);

            assertThat(two.get(ask).json().get("offers").findValuesAsText("offerId"))
                    .as("live there as soon as its copy applied it").containsExactly(slot);
        } finally {
            traffic.shutdownNow();
        }
    }

    @Test
    void shouldHoldACapAcrossInstances() {
        assertThat(one.put("/v1/campaigns/two-capped", """
                {"name":"Capped","contactPolicy":{"maxPerOffer":{"count":1,"windowHours":24}}}""").status())
                .isIn(200, 201);
        assertThat(one.put("/v1/offers/two-capped-offer", """
                {"campaignId":"two-capped","name":"Once a day","channels":["app"],"value":5,"priority":1}""")
                .status()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(10)).until(() -> two.get("/v1/offers/two-capped-offer").status() == 200
                && two.get("/v1/campaigns/two-capped").status() == 200);

        for (int i = 0; i < 6; i++) {
            String customer = "cap-" + UUID.randomUUID();
            Http.Reply byOne = one.get("/v1/customers/" + customer + "/offers?channel=app");
            assertThat(byOne.status()).as(byOne.toString()).isEqualTo(200);
            List<String> shownByOne = byOne.json().get("offers").findValuesAsText("offerId");
            Http.Reply byTwo = two.get("/v1/customers/" + customer + "/offers?channel=app");
            assertThat(byTwo.status()).as(byTwo.toString()).isEqualTo(200);
            List<String> shownByTwo = byTwo.json().get("offers").findValuesAsText("offerId");
            assertThat(shownByOne).containsExactly("two-capped-offer");
            assertThat(shownByTwo).as("customer %s asked again through the other instance", customer).isEmpty();
        }

        // Decided by the first instance; retried through the second, which forwards it there.
        String retried = java.util.stream.Stream.generate(() -> "cap-" + UUID.randomUUID())
                .filter(id -> ownerOf(id).endsWith(":" + first.httpPort())).findFirst().orElseThrow();
        Http.Reply asked = one.get("/v1/customers/" + retried + "/offers?channel=app&requestId=visit-1");
        Http.Reply askedAgain = two.get("/v1/customers/" + retried + "/offers?channel=app&requestId=visit-1");
        assertThat(askedAgain.body()).as("a retry through the other instance: the first answer").isEqualTo(asked.body());
        assertThat(askedAgain.header("X-Replayed")).isEqualTo("true");
        assertThat(asked.json().get("offers").findValuesAsText("offerId")).containsExactly("two-capped-offer");
        assertThat(two.get("/v1/customers/" + retried + "/offers?channel=app").json().get("offers")
                .findValuesAsText("offerId")).as("the cap was used once").isEmpty();
    }

    private static String ownerOf(String id) {
        return one.get("/v1/customers/" + id + "/offers?preview=true").json().get("decidedBy").asText();
    }

    @Test
    void shouldEraseAVisitorMergedIntoACustomerOfTheOtherInstanceThroughEitherInstance() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (Http asked : List.of(one, two)) {
            String customer = IntStream.range(0, 64).mapToObj(i -> "erase-c-" + run + "-" + i)
                    .filter(id -> !ownerOf(id).endsWith(":" + first.httpPort())).findFirst().orElseThrow();
            String visitor = IntStream.range(0, 64).mapToObj(i -> "erase-v-" + run + "-" + i + (asked == one ? "a" : "b"))
                    .filter(id -> ownerOf(id).endsWith(":" + first.httpPort())).findFirst().orElseThrow();
            assertThat(one.post("/v1/events", """
                    [{"type":"page_view","eventId":"%1$s-p","customerId":"%1$s","timestamp":%3$d,"channel":"web"},
                     {"type":"page_view","eventId":"%2$s-p","anonymousId":"%2$s","timestamp":%3$d,"channel":"web"},
                     {"type":"login","eventId":"%1$s-l","customerId":"%1$s","anonymousId":"%2$s","timestamp":%3$d,
                      "channel":"web"}]""".formatted(customer, visitor, System.currentTimeMillis())).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> two.get("/v1/customers/" + customer).status() == 200
                    && two.get("/v1/customers/" + customer).json().path("stitchedIds").toString().contains(visitor));

            for (Http instance : List.of(one, two)) {
                Http.Reply decision = instance.get("/v1/customers/" + visitor + "/offers?preview=true");
                assertThat(decision.status()).as("the visitor's owner resolves, the customer's decides: " + decision)
                        .isEqualTo(200);
                assertThat(decision.json().get("customerId").asText()).isEqualTo(customer);
                assertThat(instance.get("/v1/customers/" + visitor).json().get("subjectId").asText()).isEqualTo(customer);
            }

            Http.Reply erased = asked.delete("/v1/customers/" + visitor);

            assertThat(erased.status()).as("through %s: %s", asked == one ? "the visitor's owner" : "the customer's",
                    erased).isIn(202, 204);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(two.get("/v1/customers/" + customer).status()).isEqualTo(404);
                assertThat(one.get("/v1/customers/" + visitor).status()).isEqualTo(404);
            });
        }
    }

    @Test
    void shouldRouteToTheOwnerEvenWhenAClientClaimsToBeAPeer() {
        // Which instance owns a customer shows in decidedBy; a client faking the peers' hop and standby headers
        // must not make the other instance answer from a copy it does not own.
        List<String> customers = IntStream.range(0, 8).mapToObj(i -> "spoof-" + UUID.randomUUID()).toList();
        for (String customer : customers) {
            String owner = one.get("/v1/customers/" + customer + "/offers?preview=true").json().get("decidedBy")
                    .asText();
            for (Http instance : List.of(one, two)) {
                Http.Reply spoofed = instance.send("GET", "/v1/customers/" + customer + "/offers?preview=true", null,
                        "X-Forward-Hops", "2", "X-Forward-Standby", "true");
                assertThat(spoofed.json().get("decidedBy").asText()).as(spoofed.toString()).isEqualTo(owner);
            }
        }
    }
}
