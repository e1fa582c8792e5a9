package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole slice against a real broker: HTTP in, Kafka, Streams, RocksDB, HTTP out. */
class OfferServiceIntegrationTest {
    private static OfferService service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        Path stateDir = TempDirs.create("nbo-it");
        service = OfferService.start(TestServices.config(stateDir, TestServices.freePort(), TestServices.freePort()));
        http = new Http("http://127.0.0.1:" + service.httpPort());
        putOffer("""
                {"offerId":"it-books","campaignId":"it-reading","name":"Books offer","category":"it-books",
                 "channels":["web"],"placements":["home"],"value":10,"priority":1}""");
        putOffer("""
                {"offerId":"it-tv","campaignId":"it-tv","name":"TV offer","category":"it-tv",
                 "channels":["web"],"value":40,"priority":1}""");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static void putOffer(String json) {
        String id = json.replaceAll("(?s).*\"offerId\":\"([^\"]+)\".*", "$1");
        Http.Reply reply = http.put("/v1/offers/" + id, json);
        assertThat(reply.status()).as("PUT offer %s: %s", id, reply).isIn(200, 201);
    }

    /** {@code nbo_decisions_total}: decisions made and counted (previews are not). */
    private static double decisionsMade() {
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("(?m)^nbo_decisions_total (\\S+)$")
                .matcher(http.get("/metrics").body());
        return total.find() ? Double.parseDouble(total.group(1)) : 0;
    }

    private static String base() {
        return "http://127.0.0.1:" + service.httpPort();
    }

    private static String now() {
        return Instant.now().toString();
    }

    private List<String> offerIds(String customer) {
        Http.Reply reply = http.get("/v1/customers/" + customer + "/offers?channel=web&placement=home&limit=5");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().get("offers").forEach(offer -> ids.add(offer.get("offerId").asText()));
        return ids.stream().filter(id -> id.startsWith("it-")).toList();
    }

    private static double applied(String origin) {
        Double count = Scrape.value(http.get("/metrics").body(), "nbo_event_freshness_seconds_count", "origin", origin);
        return count == null ? 0 : count;
    }

    @Test
    void shouldTimePostedEventsFromTheirAcceptanceAndProducedOnesFromTheirRecord() throws Exception {
        String customer = "it-" + UUID.randomUUID();
        double postedBefore = applied("collector");
        double producedBefore = applied("topic");

        assertThat(http.post("/v1/events", """
                {"type":"page_view","eventId":"fresh-1","customerId":"%s","timestamp":"%s","channel":"web"}"""
                .formatted(customer, now())).status()).isEqualTo(202);
        try (var producer = new io.nbo.service.kafka.EventPublisher(service.bootstrapServers())) {
            producer.publish(new io.nbo.schemas.events.EventCodec().decode("""
                    {"type":"page_view","eventId":"fresh-2","customerId":"%s","timestamp":"%s","channel":"web"}"""
                    .formatted(customer, now()).getBytes(StandardCharsets.UTF_8), null).value()).get();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(applied("collector")).as("posted").isEqualTo(postedBefore + 1);
            assertThat(applied("topic")).as("produced straight to the topic").isEqualTo(producedBefore + 1);
        });
    }

    @Test
    void shouldAnswerARetriedDecisionAsBeforeWithoutCountingItAgain() {
        String customer = "it-" + UUID.randomUUID();
        String asked = "/v1/customers/" + customer + "/offers?channel=web&limit=2&requestId=page-1";
        double decidedBefore = decisionsMade();

        Http.Reply first = http.get(asked);
        Http.Reply retried = http.get(asked);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("X-Replayed")).isNull();
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("X-Replayed")).isEqualTo("true");
        assertThat(retried.body()).as("the same decision, id and all").isEqualTo(first.body());
        assertThat(decisionsMade()).as("counted once").isEqualTo(decidedBefore + 1);

        Http.Reply another = http.get("/v1/customers/" + customer + "/offers?channel=web&limit=2&requestId=page-2");
        assertThat(another.json().get("decisionId").asText()).as("a new id is a new decision")
                .isNotEqualTo(first.json().get("decisionId").asText());
        assertThat(decisionsMade()).isEqualTo(decidedBefore + 2);

        Http.Reply changed = http.get("/v1/customers/" + customer + "/offers?channel=app&limit=2&requestId=page-1");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(422);
        assertThat(changed.json().get("type").asText()).endsWith("request-id-reused");
        assertThat(changed.json().get("detail").asText()).contains("channel=web", "channel=app");

        List<java.util.concurrent.CompletableFuture<Http.Reply>> parallel = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            parallel.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> http.get("/v1/customers/" + customer
                    + "/offers?channel=web&limit=2&requestId=page-3")));
        }
        List<Http.Reply> replies = parallel.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(replies).extracting(reply -> reply.json().get("decisionId").asText()).as("ten at once, one decision")
                .containsOnly(replies.get(0).json().get("decisionId").asText());
        assertThat(replies).filteredOn(reply -> reply.header("X-Replayed") == null).hasSize(1);
        assertThat(decisionsMade()).isEqualTo(decidedBefore + 3);

        Http.Reply other = http.get("/v1/customers/" + customer + "-2/offers?channel=app&requestId=page-1");
        assertThat(other.status()).as("ids are per customer").isEqualTo(200);
        assertThat(other.header("X-Replayed")).isNull();
        assertThat(http.get("/v1/customers/" + customer + "/offers?requestId=a%20b").status()).isEqualTo(400);

        String withdrawn = http.post("/v1/events", """
                {"type":"consent_update","eventId":"%s-w","customerId":"%s","timestamp":"%s","consents":{"web":false}}"""
                .formatted(customer, customer, now())).json().get("readAfter").asText();
        Http.Reply afterWithdrawal = http.get(asked + "&after=" + withdrawn);
        assertThat(afterWithdrawal.header("X-Replayed")).as("an answer from before a withdrawal is not given again")
                .isNull();
        assertThat(afterWithdrawal.json().get("offers")).isEmpty();
    }

    @Test
    void shouldChangeTheOfferOnceEventsSentOverHttpReachTheProfile() {
        String customer = "it-" + UUID.randomUUID();
        JsonNode coldStart = http.get("/v1/customers/" + customer + "/offers").json();
        assertThat(coldStart.get("knownCustomer").asBoolean()).isFalse();
        assertThat(coldStart.get("offers").get(0).get("reasons").get(0).asText()).startsWith("No interests known yet");
        assertThat(offerIds(customer)).as("cold start ranks by value").containsExactly("it-tv", "it-books");
        assertThat(http.get("/v1/customers/" + customer + "/offers").json().get("knownCustomer").asBoolean())
                .as("offers shown are no profile").isFalse();

        Http.Reply accepted = http.post("/v1/events", """
                [{"type":"product_view","eventId":"%1$s-1","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                  "productId":"b1","category":"it-books"},
                 {"type":"add_to_cart","eventId":"%1$s-2","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                  "productId":"b1","category":"it-books"}]""".formatted(customer, now()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(accepted.json().get("byTopic").get("clickstream").asInt()).isEqualTo(2);
        assertThat(http.documentedSchema("Accepted").validate(accepted.json()))
                .as("the answer, against the OpenAPI document's Accepted").isEmpty();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).json().path("eventCount").asInt()).isEqualTo(2));
        assertThat(offerIds(customer)).containsExactly("it-books", "it-tv");
        JsonNode decision = http.get("/v1/customers/" + customer + "/offers?channel=web&placement=home").json();
        assertThat(decision.get("knownCustomer").asBoolean()).isTrue();
        assertThat(decision.get("decisionId").asText()).isNotBlank();
        com.networknt.schema.Schema documented = http.documentedSchema("Decision");
        JsonNode explained = http.get("/v1/customers/" + customer + "/offers?explain=true&limit=1").json();
        assertThat(explained.get("dropped")).as("one offer shown, the other explained").isNotEmpty();
        for (JsonNode answer : List.of(decision, explained, coldStart)) {
            assertThat(documented.validate(answer)).as("against the OpenAPI document's Decision: %s", answer).isEmpty();
        }
        assertThat(documented.validate(((com.fasterxml.jackson.databind.node.ObjectNode) decision.deepCopy())
                .without("offers"))).as("a check that can fail").isNotEmpty();
        JsonNode profile = http.get("/v1/customers/" + customer).json();
        assertThat(profile.get("eventCount").asInt()).isEqualTo(2);
        assertThat(profile.get("affinities").has("it-books")).isTrue();
        assertThat(profile.get("recentPages")).hasSize(2);
    }

    @Test
    void shouldReadAPlusInAPlacementAsAPlus() {
        putOffer("""
                {"offerId":"pl-hero","campaignId":"pl-hero","name":"Hero slot","category":"pl",
                 "channels":["web"],"placements":["hero+1"],"value":1,"priority":1}""");
        try {
            for (String written : List.of("hero+1", "hero%2B1")) {
                Http.Reply reply = http.get("/v1/customers/pl-c/offers?placement=" + written + "&preview=true&limit=20");
                assertThat(reply.status()).as("placement=%s: %s", written, reply).isEqualTo(200);
                List<String> ids = new ArrayList<>();
                reply.json().get("offers").forEach(offer -> ids.add(offer.get("offerId").asText()));
                assertThat(ids).as("placement=%s", written).contains("pl-hero").doesNotContain("it-books");
            }
            assertThat(http.get("/v1/customers/pl-c/offers?placement=hero%201&preview=true").status())
                    .as("a space is not a plus").isEqualTo(400);
        } finally {
            assertThat(http.delete("/v1/offers/pl-hero").status()).isEqualTo(204);
        }
    }

    @Test
    void shouldCountAPurchaseSentTwiceOnce() {
        String customer = "it-" + UUID.randomUUID();
        String purchase = """
                {"type":"purchase","eventId":"%s-p","customerId":"%s","timestamp":"%s","channel":"web",
                 "amount":99.5,"currency":"EUR","items":[{"productId":"tv1","category":"it-tv"}]}"""
                .formatted(customer, customer, now());
        assertThat(http.post("/v1/events", purchase).status()).isEqualTo(202);
        assertThat(http.post("/v1/events", purchase).status()).isEqualTo(202);
        assertThat(http.post("/v1/responses", """
                {"decisionId":"d-1","customerId":"%s","offerId":"it-tv","campaignId":"it-tv","outcome":"accept",
                 "timestamp":"%s"}""".formatted(customer, now())).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Reply reply = http.get("/v1/customers/" + customer);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().at("/responseCounts/accept").asInt()).isEqualTo(1);
        });
        JsonNode profile = http.get("/v1/customers/" + customer).json();
        assertThat(profile.at("/spend/purchases").asInt()).isEqualTo(1);
        assertThat(profile.at("/spend/total").asDouble()).isEqualTo(99.5);
        assertThat(profile.at("/derived/rfm/recencyScore").asInt()).isEqualTo(5);

        com.networknt.schema.Schema documented = http.documentedSchema("Profile");
        assertThat(documented.validate(profile)).as("the answer, against the OpenAPI document's Profile").isEmpty();
        JsonNode withoutDerived = ((com.fasterxml.jackson.databind.node.ObjectNode) profile.deepCopy()).without("derived");
        assertThat(documented.validate(withoutDerived)).as("a check that can fail").isNotEmpty();
    }

    @Test
    void shouldShowSummedAmountsWithoutBinaryNoise() {
        String customer = "it-" + UUID.randomUUID();
        for (String amount : new String[] {"0.1", "0.2"}) {
            assertThat(http.post("/v1/events", """
                    {"type":"purchase","eventId":"%s-%s","customerId":"%s","timestamp":"%s","channel":"web",
                     "amount":%s,"currency":"EUR","items":[{"productId":"pen","category":"it-office"}]}"""
                    .formatted(customer, amount, customer, now(), amount)).status()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).json().at("/spend/purchases").asInt()).isEqualTo(2));
        String profile = http.get("/v1/customers/" + customer).body();
        assertThat(profile).contains("\"total\":0.3,", "\"netSpend\":0.3,", "\"averageOrderValue\":0.15,")
                .doesNotContain("0.30000000000000004");
    }

    @Test
    void shouldRefuseABatchWithABadEventNamingItAndWriteNothing() {
        String customer = "it-" + UUID.randomUUID();
        Http.Reply reply = http.post("/v1/events", """
                {"events":[
                  {"type":"page_view","eventId":"%1$s-ok","customerId":"%1$s","timestamp":"%2$s","channel":"web"},
                  {"type":"purchase","eventId":"%1$s-bad","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                   "amount":-3,"currency":"EUR"},
                  {"type":"teleport","eventId":"x"}]}""".formatted(customer, now()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-events");
        assertThat(problem.get("title").asText()).isEqualTo("Invalid events");
        assertThat(problem.get("detail").asText()).isEqualTo("2 of 3 events are invalid; none were accepted");
        assertThat(problem.at("/invalid/0/index").asInt()).isEqualTo(1);
        assertThat(problem.at("/invalid/0/eventId").asText()).isEqualTo(customer + "-bad");
        assertThat(problem.at("/invalid/0/reasons/0").asText()).isEqualTo("$.amount: must have a minimum value of 0");
        assertThat(problem.at("/invalid/1/reasons/0").asText()).startsWith("$.type: unknown event type 'teleport'");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).status()).isEqualTo(404));
    }

    @Test
    void shouldManageTheCatalogueThroughTheCompactedTopic() {
        String offer = """
                {"campaignId":"it-temp","name":"Temporary","channels":["store"],"value":3,"priority":1}""";
        Http.Reply created = http.put("/v1/offers/it-temp", offer);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("offerId").asText()).isEqualTo("it-temp");
        assertThat(http.put("/v1/offers/it-temp", offer.replace("Temporary", "Renamed")).status()).isEqualTo(200);
        assertThat(http.get("/v1/offers/it-temp").json().get("name").asText()).isEqualTo("Renamed");
        assertThat(http.get("/v1/offers").json().get("offers").findValuesAsText("offerId")).contains("it-temp");
        assertThat(http.get("/v1/customers/x1/offers?channel=store").json().get("offers")
                .findValuesAsText("offerId")).contains("it-temp");

        assertThat(http.delete("/v1/offers/it-temp").status()).isEqualTo(204);
        assertThat(http.get("/v1/offers/it-temp").status()).isEqualTo(404);
        assertThat(http.delete("/v1/offers/it-temp").status()).isEqualTo(404);
        assertThat(http.get("/v1/customers/x2/offers?channel=store&explain=true").json().get("offers")
                .findValuesAsText("offerId")).doesNotContain("it-temp");
    }

    @Test
    void shouldAnswerEveryOneOfConcurrentWritesOnceItWasApplied() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            List<java.util.concurrent.Callable<Http.Reply>> writes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String name = "Race " + i;
                writes.add(() -> http.put("/v1/offers/it-race", """
                        {"campaignId":"it-race","name":"%s","channels":["store"],"value":1,"priority":1}"""
                        .formatted(name)));
            }
            List<Http.Reply> replies = new ArrayList<>();
            for (var reply : pool.invokeAll(writes)) {
                replies.add(reply.get());
            }

            assertThat(replies).as("last writer wins; the others were applied before it, not lost in flight")
                    .allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isIn(200, 201));
            assertThat(replies).as("one of them created the offer, the others replaced it")
                    .filteredOn(reply -> reply.status() == 201).hasSize(1);
            assertThat(http.get("/v1/offers/it-race").json().get("name").asText()).startsWith("Race ");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNotCountAPreviewAsAPresentation() {
        String customer = "it-" + UUID.randomUUID();
        assertThat(http.post("/v1/events", """
                {"type":"page_view","eventId":"%1$s-v","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, now())).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/v1/customers/" + customer).status() == 200);
        JsonNode preview = http.get("/v1/customers/" + customer + "/offers?channel=web&preview=true").json();
        assertThat(preview.get("preview").asBoolean()).isTrue();
        assertThat(preview.get("offers")).isNotEmpty();
        http.get("/v1/customers/" + customer + "/offers?channel=web");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode recent = http.get("/v1/customers/" + customer).json().at("/derived/recentOffers");
            assertThat(recent).as("only the real decision was recorded").isNotEmpty();
            assertThat(recent.findValuesAsText("decisionId")).doesNotContain(preview.get("decisionId").asText());
        });
    }

    @Test
    void shouldRefuseAnInvalidOfferWithItsReasons() {
        Http.Reply reply = http.put("/v1/offers/it-bad", """
                {"campaignId":"c","name":"Bad","channels":["fax"],"value":-1,"priority":1}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/invalid-offer");
        assertThat(reply.json().get("detail").asText()).contains("$.value: must have a minimum value of 0")
                .contains("$.channels[0]");
        for (String inventory : List.of("1e30", "9223372036854775808")) {
            Http.Reply huge = http.put("/v1/offers/it-bad", """
                    {"campaignId":"c","name":"Bad","channels":["web"],"value":1,"priority":1,"inventory":%s}"""
                    .formatted(inventory));
            Http.assertProblem(huge, 400, "/problems/invalid-offer");
            assertThat(huge.json().get("detail").asText()).as("in the contract's words, not the parser's")
                    .isEqualTo("$.inventory: must have a maximum value of 1000000000000000");
        }
    }
}
