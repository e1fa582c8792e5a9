package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A visitor browses anonymously, then logs in: with the two ids on different partitions of a real broker. */
class StitchingIntegrationTest {
    private static OfferService service;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        service = OfferService.start(TestServices.config(TempDirs.create("nbo-stitch"),
                TestServices.freePort(), TestServices.freePort()));
        http = new Http("http://127.0.0.1:" + service.httpPort());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private static void post(String json) {
        Http.Reply reply = http.post("/v1/events", json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    }

    /** {@code customer} logs in from {@code visitor}'s session; the answer carries its readAfter token. */
    private static Http.Reply logIn(String customer, String visitor) {
        Http.Reply reply = http.post("/v1/events", """
                {"type":"login","eventId":"%s-login","customerId":"%s","anonymousId":"%s","timestamp":"%s",
                 "channel":"web"}""".formatted(customer, customer, visitor, Instant.now()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply;
    }

    @Test
    void shouldNotLetALoginSentWithTheSiteKeyTakeOverAnotherCustomer() {
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 6);
        String attacker = "taker-" + victim;
        String now = Instant.now().toString();
        post("""
                {"type":"purchase","eventId":"%1$s-p","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                 "amount":700,"currency":"EUR","items":[{"productId":"tv-1","category":"tv"}]}""".formatted(victim, now));
        Http.Reply login = http.withKey(TestServices.SITE_KEY).post("/v1/events", """
                {"type":"login","eventId":"%s-l","customerId":"%s","anonymousId":"%s","timestamp":"%s","channel":"web"}"""
                .formatted(attacker, attacker, victim, now));
        assertThat(login.status()).as(login.toString()).isEqualTo(202);

        java.util.List<String> reasons = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(java.util.Map.of(
                "bootstrap.servers", service.bootstrapServers(), "group.id", "takeover-" + victim,
                "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(java.util.List.of(io.nbo.schemas.topics.Topics.DEAD_LETTER.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (victim.equals(record.key())) {
                        reasons.add(new String(record.headers().lastHeader(io.nbo.schemas.topics.Topics.HEADER_REASON)
                                .value(), StandardCharsets.UTF_8));
                    }
                });
                return !reasons.isEmpty();
            });
        }
        assertThat(reasons).singleElement().asString().contains("names the known customer '" + victim + "'");
        JsonNode profile = http.withKey(TestServices.AGENT_KEY).get("/v1/customers/" + victim).json();
        assertThat(profile.get("subjectId").asText()).isEqualTo(victim);
        assertThat(profile.has("resolvedFrom")).isFalse();
        assertThat(profile.at("/derived/netSpend").asDouble()).isEqualTo(700.0);

        Http.Reply merge = http.withKey(TestServices.AGENT_KEY).post("/v1/events", """
                {"type":"login","eventId":"%s-m","customerId":"%s","anonymousId":"%s","timestamp":"%s","channel":"web"}"""
                .formatted(attacker, attacker, victim, Instant.now()));
        assertThat(merge.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/v1/customers/" + victim).json()
                .path("subjectId").asText()).as("an agent's key may merge two customers").isEqualTo(attacker));
    }

    @ParameterizedTest(name = "on the same partition: {0}")
    @ValueSource(booleans = {true, false})
    void shouldStitchOnlyTheEarlierOfTwoLoginsThatNameEachOtherAndLoseNothingAfter(boolean samePartition) {
        String first = "crossed-" + UUID.randomUUID().toString().substring(0, 6);
        String second = samePartition ? Partitions.visitorOnThePartitionOf(first) : Partitions.visitorOnAnotherPartitionThan(first);
        Instant at = Instant.now();
        // One post: both logins are taken in before either stitch comes round, as when two systems cross.
        post("""
                [{"type":"login","eventId":"%1$s-l","customerId":"%1$s","anonymousId":"%2$s","timestamp":"%3$s","channel":"web"},
                 {"type":"login","eventId":"%2$s-l","customerId":"%2$s","anonymousId":"%1$s","timestamp":"%4$s","channel":"web"}]"""
                .formatted(first, second, at, at.plusMillis(1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(http.get("/v1/customers/" + second).json().path("subjectId").asText()).isEqualTo(first);
            assertThat(http.get("/v1/customers/" + first).json().path("eventCount").asInt()).isEqualTo(2);
        });
        for (String id : new String[] {first, second}) {
            post("""
                    {"type":"purchase","eventId":"%1$s-p","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                     "amount":50,"currency":"EUR","items":[{"productId":"mug","category":"kitchen"}]}""".formatted(id, Instant.now()));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode profile = http.get("/v1/customers/" + first).json();
            assertThat(profile.path("subjectId").asText()).isEqualTo(first);
            assertThat(profile.has("resolvedFrom")).as("the earlier login's customer keeps its own id").isFalse();
            assertThat(profile.at("/spend/total").asDouble()).as("both purchases, under either id").isEqualTo(100.0);
        });
        assertThat(http.get("/v1/customers/" + second).json().path("subjectId").asText()).isEqualTo(first);
    }

    @Test
    void shouldMergeTheVisitorIntoTheCustomerAcrossPartitionsWithoutLosingOrDoubleCounting() throws Exception {
        String customer = "member-" + UUID.randomUUID().toString().substring(0, 6);
        String visitor = Partitions.visitorOnAnotherPartitionThan(customer);
        String now = Instant.now().toString();
        for (int i = 0; i < 3; i++) {
            post("""
                    {"type":"product_view","eventId":"%s-v%d","anonymousId":"%s","timestamp":"%s","channel":"web",
                     "category":"tents","productId":"tent-%d"}""".formatted(visitor, i, visitor, now, i));
        }
        post("""
                {"type":"purchase","eventId":"%1$s-p","customerId":"%1$s","timestamp":"%2$s","channel":"store",
                 "amount":40,"currency":"EUR","items":[{"productId":"book-1","category":"books","price":40}]}"""
                .formatted(customer, now));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/v1/customers/" + visitor).status() == 200
                && http.get("/v1/customers/" + customer).status() == 200);
        JsonNode anonymousDecision = http.get("/v1/customers/" + visitor + "/offers").json();
        assertThat(anonymousDecision.get("knownCustomer").asBoolean()).as("a prospect gets state-based offers").isTrue();

        logIn(customer, visitor);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode merged = http.get("/v1/customers/" + customer).json();
            assertThat(merged.get("eventCount").asInt()).as("3 anonymous views + purchase + login").isEqualTo(5);
            assertThat(merged.get("stitchedIds").get(0).asText()).isEqualTo(visitor);
        });
        JsonNode merged = http.get("/v1/customers/" + customer).json();
        assertThat(merged.at("/spend/total").asDouble()).isEqualTo(40.0);
        assertThat(merged.get("affinities").has("tents")).isTrue();
        assertThat(merged.get("affinities").has("books")).isTrue();
        assertThat(merged.get("recentPages")).hasSize(3);

        JsonNode viaCookie = http.get("/v1/customers/" + visitor).json();
        assertThat(viaCookie.get("subjectId").asText()).isEqualTo(customer);
        assertThat(viaCookie.get("resolvedFrom").asText()).isEqualTo(visitor);

        post("""
                {"type":"product_view","eventId":"%1$s-v9","anonymousId":"%1$s","timestamp":"%2$s","channel":"web",
                 "category":"tents","productId":"tent-9"}""".formatted(visitor, Instant.now()));
        post("""
                {"type":"product_view","eventId":"%1$s-v0","anonymousId":"%1$s","timestamp":"%2$s","channel":"web",
                 "category":"tents","productId":"tent-0"}""".formatted(visitor, now));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).json().get("eventCount").asInt())
                        .as("the new anonymous view follows the customer; the repeated one is not counted again")
                        .isEqualTo(6));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).json().get("eventCount").asInt()).isEqualTo(6));
        JsonNode decidedForAgent = http.get("/v1/customers/" + visitor + "/offers").json();
        assertThat(decidedForAgent.get("customerId").asText()).isEqualTo(customer);
        assertThat(decidedForAgent.get("resolvedFrom").asText()).isEqualTo(visitor);
        JsonNode decidedForSite = http.withKey(TestServices.SITE_KEY).get("/v1/customers/" + visitor + "/offers")
                .json();
        assertThat(decidedForSite.get("customerId").asText()).as("the public key learns no customer behind a visitor")
                .isEqualTo(visitor);
        assertThat(decidedForSite.has("resolvedFrom")).isFalse();
        assertThat(decidedForSite.get("knownCustomer").asBoolean()).isTrue();
        Http.Reply beacon = http.withKey(TestServices.SITE_KEY).post("/v1/events", """
                {"type":"page_view","eventId":"%1$s-v10","anonymousId":"%1$s","timestamp":"%2$s","channel":"web",
                 "page":"/tents"}""".formatted(visitor, Instant.now()));
        String token = beacon.json().get("readAfter").asText();
        JsonNode waitedForSite = http.withKey(TestServices.SITE_KEY).get("/v1/customers/" + visitor
                + "/offers?after=" + token).json();
        assertThat(waitedForSite.get("positionReached").asBoolean()).isTrue();
        assertThat(waitedForSite.has("position")).as("the customer's partition, not the visitor's, would show").isFalse();
        assertThat(http.get("/v1/customers/" + visitor + "/offers?after=" + token).json().has("position")).isTrue();
        Http site = http.withKey(TestServices.SITE_KEY);
        site.get("/v1/customers/" + customer + "/offers?requestId=guess-1");
        Http.Reply guessed = site.get("/v1/customers/" + visitor + "/offers?requestId=guess-1");
        assertThat(guessed.header("X-Replayed")).as("no replay tells the public key whose visitor this is").isNull();
        assertThat(guessed.json().get("customerId").asText()).isEqualTo(visitor);
        assertThat(site.get("/v1/customers/" + visitor + "/offers?requestId=guess-1").header("X-Replayed"))
                .as("its own retry still is").isEqualTo("true");

        Http.Reply erased = http.delete("/v1/customers/" + customer);
        assertThat(erased.status()).as(erased.toString()).isIn(202, 204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(http.get("/v1/customers/" + customer).status()).isEqualTo(404);
            assertThat(http.get("/v1/customers/" + visitor).status()).as("the stitched visitor is forgotten too")
                    .isEqualTo(404);
        });
        assertKafkaHoldsNothingAbout(customer, visitor);
        JsonNode afterErasure = http.get("/v1/customers/" + visitor + "/offers?preview=true").json();
        assertThat(afterErasure.get("customerId").asText()).isEqualTo(visitor);
        assertThat(afterErasure.get("knownCustomer").asBoolean()).isFalse();
    }

    @Test
    void shouldReplayARetryForTheCustomerDecidedNotForTheIdAskedWith() {
        String customer = "retry-" + UUID.randomUUID().toString().substring(0, 6);
        String visitor = Partitions.visitorOnAnotherPartitionThan(customer);
        post("""
                {"type":"page_view","eventId":"%1$s-v","anonymousId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(visitor, Instant.now()));
        Http.Reply beforeLogin = http.get("/v1/customers/" + visitor + "/offers?requestId=pv-1");
        assertThat(beforeLogin.json().get("customerId").asText()).isEqualTo(visitor);

        String token = logIn(customer, visitor).json().get("readAfter").asText();
        Http.Reply afterLogin = http.get("/v1/customers/" + visitor + "/offers?requestId=pv-1&after=" + token);
        assertThat(afterLogin.json().get("customerId").asText()).as("the id leads to the customer now")
                .isEqualTo(customer);
        assertThat(afterLogin.header("X-Replayed")).as("not the visitor's answer").isNull();

        Http.Reply byCustomerId = http.get("/v1/customers/" + customer + "/offers?requestId=pv-1");
        assertThat(byCustomerId.header("X-Replayed")).as("the same customer, asked by their own id").isEqualTo("true");
        assertThat(byCustomerId.json().get("decisionId").asText())
                .isEqualTo(afterLogin.json().get("decisionId").asText());

        Http.Reply erasure = http.delete("/v1/customers/" + customer);
        assertThat(erasure.status()).as(erasure.toString()).isIn(202, 204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Http.Reply afterErasure = http.get("/v1/customers/" + customer + "/offers?requestId=pv-1");
            assertThat(afterErasure.header("X-Replayed")).as("nothing decided before an erasure comes back").isNull();
            assertThat(afterErasure.json().get("knownCustomer").asBoolean()).isFalse();
            Http.Reply visitorAgain = http.get("/v1/customers/" + visitor + "/offers?requestId=pv-1");
            assertThat(visitorAgain.header("X-Replayed")).as("nor the visitor's answer from before the login").isNull();
            assertThat(visitorAgain.json().get("knownCustomer").asBoolean()).isFalse();
        });
    }

    @Test
    void shouldEraseTheCustomerAVisitorIdWasMergedIntoWhenThatIdIsErased() throws Exception {
        String customer = "member-" + UUID.randomUUID().toString().substring(0, 6);
        String visitor = Partitions.visitorOnAnotherPartitionThan(customer);
        post("""
                {"type":"product_view","eventId":"%1$s-v","anonymousId":"%1$s","timestamp":"%2$s","channel":"web",
                 "category":"tents","productId":"tent-1"}""".formatted(visitor, Instant.now()));
        logIn(customer, visitor);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).json().path("stitchedIds").toString())
                        .isEqualTo("[\"" + visitor + "\"]"));

        Http.Reply erased = http.delete("/v1/customers/" + visitor);

        assertThat(erased.status()).as(erased.toString()).isIn(202, 204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(http.get("/v1/customers/" + customer).status()).as("the customer the id reads as").isEqualTo(404);
            assertThat(http.get("/v1/customers/" + visitor).status()).isEqualTo(404);
        });
        assertKafkaHoldsNothingAbout(customer, visitor);
    }

    @Test
    void shouldEraseWithTheCustomerAVisitorWhoseLoginWasStillOnItsWay() throws Exception {
        String customer = "member-" + UUID.randomUUID().toString().substring(0, 6);
        String visitor = Partitions.visitorOnAnotherPartitionThan(customer);
        post("""
                {"type":"page_view","eventId":"%1$s-v","anonymousId":"%1$s","timestamp":"%2$s","channel":"web",
                 "page":"/before-login"}""".formatted(visitor, Instant.now()));
        post("""
                {"type":"page_view","eventId":"%1$s-c","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, Instant.now()));
        assertThat(http.get("/v1/customers/" + visitor + "/offers").status()).isEqualTo(200);
        logIn(customer, visitor);

        // At once: the login's hand-over crosses two Kafka hops and may reach the customer after the erasure.
        Http.Reply erased = http.delete("/v1/customers/" + customer);

        assertThat(erased.status()).as(erased.toString()).isIn(202, 204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(http.get("/v1/customers/" + customer).status()).as("not rebuilt by the hand-over")
                    .isEqualTo(404);
            assertThat(http.get("/v1/customers/" + visitor).status()).as("the visitor went with them")
                    .isEqualTo(404);
        });
        assertKafkaHoldsNothingAbout(customer, visitor);
    }

    @Test
    void shouldAnswerAnErasureWhoseCustomerCameBackAtOnce() throws Exception {
        String customer = "member-" + UUID.randomUUID().toString().substring(0, 6);
        post("""
                {"type":"page_view","eventId":"%1$s-v","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/v1/customers/" + customer).status() == 200);

        var erasure = java.util.concurrent.CompletableFuture.supplyAsync(() -> http.delete("/v1/customers/" + customer));
        post("""
                {"type":"page_view","eventId":"%1$s-back","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, Instant.now()));
        Http.Reply erased = erasure.get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(erased.status()).as("forgotten, though new activity may follow at once: " + erased).isEqualTo(204);
        Http.Reply nobody = http.delete("/v1/customers/never-" + UUID.randomUUID());
        assertThat(nobody.status()).as("nothing to forget is forgotten at once: " + nobody).isEqualTo(204);
    }

    @ParameterizedTest(name = "visitor on the customer's partition: {0}")
    @ValueSource(booleans = {false, true})
    void shouldWaitForEventsSentUnderAStitchedIdWhenAskedToReadThem(boolean samePartition) {
        http.put("/v1/offers/stitch-web", """
                {"campaignId":"stitch","name":"Web offer","channels":["web"],"value":5,"priority":1}""");
        String customer = "member-" + UUID.randomUUID().toString().substring(0, 6);
        String visitor = samePartition ? Partitions.visitorOnThePartitionOf(customer) : Partitions.visitorOnAnotherPartitionThan(customer);
        logIn(customer, visitor);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/v1/customers/" + visitor).json().path("subjectId").asText().equals(customer));

        for (int i = 0; i < 6; i++) {
            boolean web = i % 2 == 1;
            Http.Reply written = http.post("/v1/events", """
                    {"type":"consent_update","eventId":"%s-c%d","anonymousId":"%s","timestamp":"%s",
                     "consents":{"web":%b}}""".formatted(visitor, i, visitor, Instant.now(), web));
            String token = written.json().get("readAfter").asText();
            assertThat(token).as("the token names the visitor's partition").endsWith(":" + Partitions.of(visitor) + ":"
                    + token.substring(token.lastIndexOf(':') + 1));

            JsonNode decision = http.get("/v1/customers/" + visitor + "/offers?channel=web&preview=true&after="
                    + token).json();

            assertThat(decision.get("positionReached").asBoolean()).as("round %d", i).isTrue();
            assertThat(decision.get("offers").isEmpty()).as("round %d: web consent %b", i, web).isEqualTo(!web);
        }
    }

    @ParameterizedTest(name = "visitor on the customer's partition: {0}")
    @ValueSource(booleans = {false, true})
    void shouldWaitForTheVisitorsSessionWhenAskedWithALoginsToken(boolean samePartition) {
        http.put("/v1/offers/stitch-web", """
                {"campaignId":"stitch","name":"Web offer","channels":["web"],"value":5,"priority":1}""");
        for (int round = 0; round < 4; round++) {
            boolean askedForTheVisitor = round % 2 == 1;
            String customer = "member-" + UUID.randomUUID().toString().substring(0, 6);
            String visitor = samePartition ? Partitions.visitorOnThePartitionOf(customer) : Partitions.visitorOnAnotherPartitionThan(customer);
            post("""
                    {"type":"page_view","eventId":"%1$s-p","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                     "page":"/"}""".formatted(customer, Instant.now()));
            post("""
                    {"type":"consent_update","eventId":"%1$s-c","anonymousId":"%1$s","timestamp":"%2$s",
                     "consents":{"web":false}}""".formatted(visitor, Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/v1/customers/" + visitor).status() == 200
                    && http.get("/v1/customers/" + customer).status() == 200);

            Http.Reply login = logIn(customer, visitor);
            String token = login.json().get("readAfter").asText();
            assertThat(token).as("the token names the login").contains(",login:");
            JsonNode decision = http.get("/v1/customers/" + (askedForTheVisitor ? visitor : customer)
                    + "/offers?channel=web&preview=true&after=" + token).json();

            assertThat(decision.get("positionReached").asBoolean()).as("round %d: %s", round, decision).isTrue();
            assertThat(decision.get("customerId").asText()).as("round %d", round).isEqualTo(customer);
            assertThat(decision.get("offers").isEmpty())
                    .as("round %d: the session's withdrawn web consent is the customer's now", round).isTrue();
        }
    }

    /**
     * What compaction will leave of every changelog and table topic names neither id, and the decision log
     * (which does hold the customer's decisions) never named them at all.
     */
    private static void assertKafkaHoldsNothingAbout(String... ids) throws Exception {
        String bootstrap = service.bootstrapServers();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            java.util.Set<String> compacted = CompactedTopics.names(bootstrap);
            assertThat(compacted).as("store changelogs are compacted topics")
                    .contains("nbo-test-customer-profiles-changelog", "nbo-test-decision-log-pseudonyms-changelog");
            for (String topic : compacted) {
                CompactedTopics.latest(bootstrap, topic).forEach((key, value) -> {
                    for (String id : ids) {
                        if (key != null && key.contains(id)) {
                            assertThat(value).as("%s keeps key %s", topic, key).isNull();
                        }
                        if (value != null) {
                            assertThat(value).as("%s under key %s", topic, key).doesNotContain(id);
                        }
                    }
                });
            }
        });
        for (String changelog : java.util.List.of("nbo-test-customer-profiles-changelog",
                "nbo-test-decision-log-pseudonyms-changelog", "nbo-test-contact-history-changelog")) {
            assertThat(CompactedTopics.setting(bootstrap, changelog, "max.compaction.lag.ms"))
                    .as("%s: the values before a tombstone are compacted away within a day", changelog)
                    .isEqualTo(Long.toString(86_400_000L));
        }
        var log = CompactedTopics.all(bootstrap, io.nbo.schemas.topics.Topics.DECISION_LOG.name());
        assertThat(CompactedTopics.setting(bootstrap, io.nbo.schemas.topics.Topics.DECISION_LOG.name(), "retention.ms"))
                .as("the pseudonymous log outlives the identifying topics").isEqualTo(Long.toString(365L * 86_400_000));
        assertThat(log).as("the customer's decisions are in the log").isNotEmpty();
        for (var record : log) {
            String entry = new String(record.key(), StandardCharsets.UTF_8) + " "
                    + new String(record.value(), StandardCharsets.UTF_8);
            for (String id : ids) {
                assertThat(entry).doesNotContain(id);
            }
        }
    }
}
