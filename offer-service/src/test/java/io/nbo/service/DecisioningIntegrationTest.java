package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.decisioning.campaigns.ControlGroups;
import io.nbo.decisioning.campaigns.Lift;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.json.JsonSerde;
import io.nbo.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decision funnel against a real broker: control groups, caps, learning, lift and the decision log. */
class DecisioningIntegrationTest {
    private static final Campaign SPLIT = new Campaign("split", "Split", 0.5, null, null, null, 1.0, null, null, null,
            null);
    private static OfferService service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        // Rules read hours on the business's clock: India's, with no daylight saving to move it.
        service = OfferService.start(TestServices.config(TempDirs.create("nbo-decide"),
                Map.of("RULES_TIME_ZONE", "Asia/Kolkata")));
        http = new Http("http://127.0.0.1:" + service.httpPort());
        assertThat(http.put("/v1/campaigns/split", """
                {"name":"Split","controlShare":0.5,
                 "contactPolicy":{"maxPerOffer":{"count":1,"windowHours":24}}}""").status()).isEqualTo(201);
        assertThat(http.put("/v1/offers/split-tents", """
                {"campaignId":"split","name":"Tents","category":"tents","channels":["web","app"],"value":10,
                 "priority":1,"priorAcceptRate":0.05,"priorStrength":20}""").status()).isEqualTo(201);
        assertThat(http.put("/v1/offers/house-fallback", """
                {"campaignId":"house","name":"Bestsellers","channels":["web","app"],"value":1,"priority":1,
                 "fallback":true}""").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static JsonNode decide(String customer, String channel) {
        Http.Reply reply = http.get("/v1/customers/" + customer + "/offers?channel=" + channel + "&explain=true");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> shown(JsonNode decision) {
        return decision.get("offers").findValuesAsText("offerId");
    }

    @Test
    void shouldNotOvershootASmallVolumeCapWithDecisionsMadeBeforeTheTotalsArrive() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.put("/v1/campaigns/scarce-" + run, """
                {"name":"Two only","volumeCap":2}""").status()).isEqualTo(201);
        for (String offer : List.of("a", "b", "c")) {
            assertThat(http.put("/v1/offers/scarce-" + run + "-" + offer, """
                    {"campaignId":"scarce-%s","name":"Scarce","channels":["call-centre"],"value":10,"priority":1}"""
                    .formatted(run)).status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> shown(http.get("/v1/customers/" + run
                + "-look/offers?channel=call-centre&limit=5&preview=true").json()).size() == 2);
        JsonNode untouched = http.get("/v1/campaigns/scarce-" + run + "/stats").json();
        assertThat(untouched.get("updatedAt").isNull()).as("no evidence yet, not 1970: " + untouched).isTrue();
        assertThat(untouched.at("/treatment/acceptRate").isNull()).as("no rate of no impression").isTrue();
        assertThat(untouched.get("name").asText()).isEqualTo("Two only");
        assertThat(untouched.get("status").asText()).isEqualTo("running");

        int shownInTheBurst = 0;
        for (int i = 0; i < 6; i++) {
            shownInTheBurst += shown(http.get("/v1/customers/" + run + "-" + i
                    + "/offers?channel=call-centre&limit=5").json()).size();
        }

        assertThat(shownInTheBurst).as("six customers asking at once, before any total was published").isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/v1/campaigns/scarce-" + run + "/stats").json()
                .at("/treatment/impressions").asLong() == 2);
        assertThat(shown(http.get("/v1/customers/" + run + "-late/offers?channel=call-centre&limit=5").json())).isEmpty();
        double treatedCustomers = http.get("/v1/campaigns/scarce-" + run + "/stats").json()
                .at("/treatment/customers").asDouble();
        // The campaign gauges are read at most every 5 s.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = http.get("/metrics").body();
            assertThat(Scrape.value(metrics, "nbo_campaign_customers", "campaign", "scarce-" + run, "group",
                    "treatment")).as("metered while it runs").isEqualTo(treatedCustomers).isPositive();
            assertThat(Scrape.value(metrics, "nbo_campaign_conversion_rate_lift", "campaign", "scarce-" + run,
                    "bound", "difference")).as("nothing to compare with").isNaN();
        });
        JsonNode running = http.get("/v1/campaigns/scarce-" + run + "/stats").json();
        assertThat(running.get("status").asText()).as("why its numbers stopped moving").isEqualTo("volume-cap-reached");
        assertThat(running.at("/control/customers").asLong()).as("no control group").isZero();
        assertThat(running.at("/control/conversionRate").isNull()).as("no rate of nobody").isTrue();
        assertThat(running.at("/lift/conversionRate/difference").isNull()).as("nothing to compare with").isTrue();
        assertThat(running.at("/lift/conversionRate/treatment").isNumber()).isTrue();
        assertThat(running.at("/lift/conversionRate/relative").isNull()).isTrue();

        Http.Reply inUse = http.delete("/v1/campaigns/scarce-" + run);
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.json().get("type").asText()).isEqualTo("/problems/campaign-in-use");
        assertThat(inUse.json().get("detail").asText()).as("its offers would lose its caps").contains(
                "is named by 3 offers (scarce-" + run + "-a, scarce-" + run + "-b, scarce-" + run + "-c)");
        for (String offer : List.of("a", "b", "c")) {
            assertThat(http.delete("/v1/offers/scarce-" + run + "-" + offer).status()).isEqualTo(204);
        }
        assertThat(http.delete("/v1/campaigns/scarce-" + run).status()).isEqualTo(204);
        assertThat(http.get("/v1/stats/campaigns").body()).as("the overview lists live campaigns")
                .doesNotContain("scarce-" + run);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get("/metrics").body())
                .as("and the metrics too").doesNotContain("campaign=\"scarce-" + run));
        JsonNode ended = http.get("/v1/campaigns/scarce-" + run + "/stats").json();
        assertThat(ended.at("/treatment/impressions").asLong()).as("the results of a deleted campaign").isEqualTo(2);
        assertThat(ended.get("controlShare").isNull()).as("a share it may not have run with: none").isTrue();
        assertThat(ended.get("status").asText()).isEqualTo("deleted");
        assertThat(http.get("/v1/campaigns/scarce-" + run + "/stream").body())
                .as("a stream opened on it (a dashboard reconnecting) is told at once, and ends")
                .startsWith("event: removed\ndata: {\"campaignId\":\"scarce-" + run + "\"}");
    }

    @Test
    void shouldPreviewACampaignAsAtAnotherTime() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.currentTimeMillis() + 86_400_000L;
        String startText = java.time.Instant.ofEpochMilli(start).toString();
        assertThat(http.put("/v1/campaigns/later-" + run, """
                {"name":"Tomorrow evenings","validFrom":%d,
                 "rules":{"field":"request.hourOfDay","op":"gte","value":18}}""".formatted(start)).status())
                .isEqualTo(201);
        assertThat(http.put("/v1/offers/later-" + run, """
                {"campaignId":"later-%s","name":"Evening","channels":["store"],"value":10,"priority":1}"""
                .formatted(run)).status()).isEqualTo(201);
        assertThat(http.put("/v1/offers/undefined-" + run, """
                {"campaignId":"undefined-%s","name":"Plain","channels":["store"],"value":1,"priority":1}"""
                .formatted(run)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get("/v1/campaigns/undefined-" + run)
                .json().get("detail").asText()).as("a campaign only offers name").endsWith(": it is not defined, but"
                        + " offer undefined-" + run + " names it, so it runs with the default settings; PUT /v1/campaigns/"
                        + "undefined-" + run + " sets its own"));
        String ask = "/v1/customers/" + run + "/offers?channel=store&preview=true";
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(ask + "&explain=true").body()
                .contains("later-" + run));
        assertThat(shown(http.get(ask).json())).as("not started yet").doesNotContain("later-" + run);

        String evening = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(start), java.time.ZoneOffset.UTC)
                .plusDays(1) + "T19:30:00+05:30";
        JsonNode then = http.get(ask + "&explain=true&at=" + evening).json();
        assertThat(shown(then)).as("an evening after its start, 14:00 UTC: " + then).contains("later-" + run);
        assertThat(then.get("decidedAt").asLong()).isEqualTo(java.time.OffsetDateTime.parse(evening).toInstant()
                .toEpochMilli());
        String morning = evening.replace("T19:30", "T09:30");
        assertThat(http.get(ask + "&explain=true&at=" + morning).json().get("dropped").toString())
                .as("its rule, read at that hour").contains("later-" + run).contains("request.hourOfDay");
        assertThat(http.get(ask + "&explain=true&at=" + evening.replace("+05:30", "Z")).json().get("dropped")
                .toString()).as("an evening in UTC is past midnight in India")
                .contains("request.hourOfDay gte 18 is false (actual 1)");
        assertThat(http.get(ask + "&at=" + startText.replace("Z", "+00:00")).status()).isEqualTo(200);

        Http.Reply counted = http.get("/v1/customers/" + run + "/offers?channel=store&at=" + evening);
        assertThat(counted.status()).as("a decision that counts is shown now").isEqualTo(400);
        assertThat(counted.json().get("detail").asText()).contains("preview");
        for (String bad : List.of("tomorrow", "2026-12-24T18:30:00", "1999-12-31T23:59:59Z", "2026-12-24")) {
            Http.Reply refused = http.get(ask + "&at=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("title").asText()).isEqualTo("Invalid at");
        }
        assertThat(http.get(ask + "&at=" + evening.replace("+", "%20")).json().get("detail").asText())
                .as("a + lost to form encoding").contains("a space was sent");
    }

    @Test
    void shouldNotEndAHoldOutByAReplacementThatLeavesOutItsShare() {
        String id = "held-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.put("/v1/campaigns/" + id, """
                {"name":"Held","controlShare":0.3}""").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/v1/campaigns/" + id).status() == 200);

        Http.Reply renamed = http.put("/v1/campaigns/" + id, """
                {"name":"Held, renamed"}""");
        Http.assertProblem(renamed, 409, "/problems/replace-would-end-hold-out");
        assertThat(renamed.json().get("detail").asText()).contains("send controlShare, 0.3 to keep it or 0 to end it");
        assertThat(http.get("/v1/campaigns/" + id).json().get("controlShare").asDouble()).isEqualTo(0.3);
        assertThat(http.put("/v1/campaigns/" + id, """
                {"name":"Held, renamed","controlShare":0.3}""").status()).isEqualTo(200);
        assertThat(http.put("/v1/campaigns/" + id, """
                {"name":"Ended on purpose","controlShare":0}""").status()).isEqualTo(200);
        assertThat(http.put("/v1/campaigns/" + id, """
                {"name":"No hold-out to lose"}""").status()).isEqualTo(200);
    }

    @Test
    void shouldServeAVolumeCapToTheLastPresentationWhileTotalsAreOnTheirWay() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.put("/v1/campaigns/three-" + run, """
                {"name":"Three only","volumeCap":3}""").status()).isEqualTo(201);
        assertThat(http.put("/v1/offers/three-" + run, """
                {"campaignId":"three-%s","name":"Three","channels":["store"],"value":10,"priority":1}"""
                .formatted(run)).status()).isEqualTo(201);

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode decision = http.get("/v1/customers/" + run + "-" + i + "/offers?channel=store&explain=true").json();
            answers.add(shown(decision).contains("three-" + run) ? "shown"
                    : decision.get("dropped").findValuesAsText("reason").toString());
            // Paced, not waiting for anything: the totals of earlier answers arrive while later customers ask.
            Thread.sleep(150);
        }

        assertThat(answers.subList(0, 3)).as("nobody turned away before the cap is reached: %s", answers)
                .containsOnly("shown");
        assertThat(answers.subList(3, 6)).as("%s", answers)
                .allSatisfy(reason -> assertThat(reason).contains("campaign volume cap reached: 3 of 3 presentations"));
    }

    @Test
    void shouldHoldOutControlCustomersStickilyCapContactsAndMeasureLift() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> treated = new ArrayList<>();
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String customer = "s-" + run + "-" + i;
            JsonNode decision = decide(customer, "web");
            if (ControlGroups.inControl(customer, SPLIT)) {
                held.add(customer);
                assertThat(shown(decision)).as("control customer %s", customer).doesNotContain("split-tents")
                        .containsExactly("house-fallback");
                assertThat(decision.get("controlGroups").findValuesAsText("campaignId")).containsExactly("split");
                assertThat(decision.get("fallback").asBoolean()).isTrue();
            } else {
                treated.add(customer);
                assertThat(shown(decision)).as("treatment customer %s", customer).containsExactly("split-tents");
                JsonNode offer = decision.get("offers").get(0);
                assertThat(offer.at("/factors/value").asDouble()).isEqualTo(10);
                assertThat(offer.at("/propensity/segment").asText()).isEqualTo("web/new/low");
            }
            assertThat(shown(decide(customer, "web"))).as("sticky and capped").doesNotContain("split-tents");
        }
        assertThat(treated).hasSizeGreaterThan(8);
        assertThat(held).hasSizeGreaterThan(8);

        JsonNode again = decide(treated.get(0), "app");
        assertThat(shown(again)).as("the cap holds on another channel too").doesNotContain("split-tents");
        assertThat(again.get("dropped")).anySatisfy(drop -> {
            assertThat(drop.get("offerId").asText()).isEqualTo("split-tents");
            assertThat(drop.get("stage").asText()).isEqualTo("contact-policy");
            assertThat(drop.get("reason").asText()).startsWith("offer cap reached: shown 1 time in 24h");
        });

        List<String> buyers = new ArrayList<>(treated.subList(0, treated.size() / 2));
        buyers.add(held.get(0));
        for (String customer : buyers) {
            assertThat(http.post("/v1/events", """
                    {"type":"purchase","eventId":"%1$s-buy","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                     "orderId":"%1$s-order","amount":80,"currency":"EUR","items":[{"productId":"tent-1","category":"tents","price":80}]}"""
                    .formatted(customer, Instant.now())).status()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = http.get("/v1/campaigns/split/stats").json();
            assertThat(stats.at("/treatment/customers").asLong()).isEqualTo(treated.size());
            assertThat(stats.at("/control/customers").asLong()).isEqualTo(held.size());
            assertThat(stats.at("/treatment/convertingCustomers").asLong()).isEqualTo(treated.size() / 2);
            assertThat(stats.at("/control/convertingCustomers").asLong()).isEqualTo(1);
        });
        JsonNode stats = http.get("/v1/campaigns/split/stats").json();
        assertThat(stats.at("/treatment/impressions").asLong()).isEqualTo(treated.size());
        assertThat(stats.at("/treatment/revenue").asDouble()).isEqualTo(80.0 * (treated.size() / 2));
        Lift.Estimate expected = Lift.ofProportions(treated.size() / 2, treated.size(), 1, held.size());
        // Shown to six significant digits.
        assertThat(stats.at("/lift/conversionRate/difference").asDouble())
                .isCloseTo(expected.difference(), org.assertj.core.data.Percentage.withPercentage(1e-3));
        assertThat(stats.at("/lift/conversionRate/ci95/low").asDouble())
                .isCloseTo(expected.low(), org.assertj.core.data.Percentage.withPercentage(1e-3));
        assertThat(stats.at("/lift/conversionRate/treatmentSize").asLong()).isEqualTo(treated.size());
        assertThat(stats.at("/lift/revenuePerCustomer/treatment").asDouble()).as("to a millionth, as the group shows it")
                .isCloseTo(80.0 * (treated.size() / 2) / treated.size(), org.assertj.core.data.Offset.offset(5e-7))
                .isEqualTo(stats.at("/treatment/revenuePerCustomer").asDouble());
        com.networknt.schema.Schema documented = http.documentedSchema("CampaignStats");
        assertThat(documented.validate(stats)).as("the answer, against the OpenAPI document's CampaignStats").isEmpty();
        assertThat(documented.validate(http.get("/v1/stats/campaigns").json().get("campaigns").get(0)))
                .as("the overview's").isEmpty();
        assertThat(documented.validate(((com.fasterxml.jackson.databind.node.ObjectNode) stats.deepCopy())
                .without("lift"))).as("a check that can fail").isNotEmpty();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = http.get("/metrics").body();
            assertThat(Scrape.value(metrics, "nbo_campaign_customers", "campaign", "split", "group", "treatment"))
                    .isEqualTo(treated.size());
            assertThat(Scrape.value(metrics, "nbo_campaign_converting_customers", "campaign", "split", "group",
                    "control")).isEqualTo(1);
            assertThat(Scrape.value(metrics, "nbo_campaign_revenue", "campaign", "split", "group", "treatment"))
                    .isEqualTo(80.0 * (treated.size() / 2));
            assertThat(Scrape.value(metrics, "nbo_campaign_conversion_rate_lift", "campaign", "split", "bound", "low"))
                    .isCloseTo(expected.low(), within(1e-9));
            assertThat(Scrape.value(metrics, "nbo_campaign_conversion_rate_lift", "campaign", "split", "bound",
                    "difference")).isCloseTo(expected.difference(), within(1e-9));
            assertThat(Scrape.value(metrics, "nbo_campaign_revenue_per_customer_lift", "campaign", "split", "bound",
                    "difference")).as("unrounded, where the answer shows a millionth")
                    .isCloseTo(stats.at("/lift/revenuePerCustomer/difference").asDouble(), within(5e-7));
        });
        JsonNode bought = http.get("/v1/customers/" + buyers.get(0)).json().at("/derived/recentOffers/0");
        assertThat(bought.get("converted").asBoolean()).isTrue();
        assertThat(bought.get("name").asText()).as("named, for a screen that may not read the catalogue")
                .isEqualTo("Tents");
        assertThat(bought.get("accepted").asBoolean()).as("a purchase is no accept").isFalse();

        assertThat(http.post("/v1/events", """
                {"type":"refund","eventId":"%1$s-return","customerId":"%1$s","timestamp":"%2$s","channel":"store",
                 "orderId":"%1$s-order","amount":80,"currency":"EUR","items":[{"productId":"tent-1","category":"tents","price":80}]}"""
                .formatted(buyers.get(0), Instant.now())).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode returned = http.get("/v1/campaigns/split/stats").json();
            assertThat(returned.at("/treatment/convertingCustomers").asLong()).isEqualTo(treated.size() / 2 - 1);
            assertThat(returned.at("/treatment/revenue").asDouble()).isEqualTo(80.0 * (treated.size() / 2 - 1));
            assertThat(returned.at("/control/convertingCustomers").asLong()).isEqualTo(1);
        });
        assertThat(http.get("/v1/customers/" + buyers.get(0)).json().at("/derived/recentOffers/0/converted")
                .asBoolean()).as("the returned tent no longer converts the offer").isFalse();
    }

    @Test
    void shouldLearnFromAcceptsAndLogEveryDecisionWithItsPropensities() throws Exception {
        assertThat(http.put("/v1/offers/learn-books", """
                {"campaignId":"learn","name":"Books","channels":["store"],"value":10,"priority":1,
                 "priorAcceptRate":0.05,"priorStrength":20}""").status()).isEqualTo(201);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> decisionIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String customer = "l-" + run + "-" + i;
            JsonNode decision = decide(customer, "store");
            assertThat(shown(decision)).containsExactly("learn-books");
            decisionIds.add(decision.get("decisionId").asText());
            assertThat(http.post("/v1/responses", """
                    {"decisionId":"%s","customerId":"%s","offerId":"learn-books","campaignId":"learn",
                     "outcome":"accept","timestamp":"%s"}""".formatted(decision.get("decisionId").asText(), customer,
                    Instant.now())).status()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode propensity = decide("l-" + run + "-new", "store").at("/offers/0/propensity");
            assertThat(propensity.get("presentations").asDouble()).isGreaterThanOrEqualTo(19.9);
            assertThat(propensity.get("successes").asDouble()).isGreaterThanOrEqualTo(19.9);
            assertThat(propensity.get("presentations").asText()).as("evidence discounted with age, to 3 places")
                    .matches("\\d+(\\.\\d{1,3})?");
            assertThat(propensity.get("mean").asDouble()).as("20 accepts of 20 beat a 5 %% prior").isGreaterThan(0.45);
        });

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "decision-log-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<JsonNode> logged = awaitEach(consumer, Topics.DECISIONS.name(), decisionIds);
            JsonNode first = logged.stream().filter(d -> d.get("decisionId").asText().equals(decisionIds.get(0)))
                    .findFirst().orElseThrow();
            assertThat(first.get("policy").asText()).isEqualTo("greedy");
            assertThat(first.get("channel").asText()).isEqualTo("store");
            assertThat(first.get("shown").get(0).asText()).isEqualTo("learn-books");
            assertThat(first.at("/candidates/0/choiceProbability").asDouble()).isEqualTo(1.0);
            assertThat(first.at("/candidates/0/propensityMean").asDouble()).isEqualTo(0.05);
            for (JsonNode copy : awaitEach(consumer, Topics.DECISION_LOG.name(), decisionIds)) {
                assertThat(io.nbo.schemas.validation.ContractValidator.shared().violations(
                        io.nbo.schemas.validation.Contract.DECISION_LOG, copy))
                        .as("the served contract of decision-log: %s", copy).isEmpty();
            }
        }
    }

    /** The records of {@code topic} naming each of {@code decisionIds}, once all have come. */
    private static List<JsonNode> awaitEach(KafkaConsumer<String, byte[]> consumer, String topic,
                                            List<String> decisionIds) {
        consumer.unsubscribe();
        consumer.subscribe(List.of(topic));
        List<JsonNode> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(readJson(record.value())));
            return read.stream().filter(d -> decisionIds.contains(d.get("decisionId").asText())).count()
                    == decisionIds.size();
        });
        return read.stream().filter(d -> decisionIds.contains(d.get("decisionId").asText())).toList();
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            // Decisions travel as Smile (binary JSON).
            return (JsonSerde.isSmile(bytes) ? Json.binaryMapper() : Json.mapper()).readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
