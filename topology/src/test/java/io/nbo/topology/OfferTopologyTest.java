package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.topics.Topic;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.offers.GlobalTableProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OfferTopologyTest {
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private TopologyTestDriver driver;
    private TestOutputTopic<String, byte[]> deadLetters;
    private KeyValueStore<String, CustomerProfile> profiles;

    @BeforeEach
    void start() throws Exception {
        driver = TestDrivers.start("topology-test");
        deadLetters = TestDrivers.deadLetters(driver);
        profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(Topic<String, byte[]> topic, String key, String json) {
        TestInputTopic<String, byte[]> input = driver.createInputTopic(topic.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        input.pipeInput(key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static String view(String eventId, String customer, String category, long at) {
        return """
                {"type":"product_view","eventId":"%s","customerId":"%s","timestamp":%d,"channel":"web",
                 "page":"/p/%s","category":"%s","productId":"p-%s"}""".formatted(eventId, customer, at, category,
                category, category);
    }

    @Test
    void shouldForgetEventIdsAfterTheWindowABatchAtATime() {
        int ids = ProfileProcessor.SWEEP_BATCH + 5;
        for (int i = 0; i < ids; i++) {
            send(Topics.CLICKSTREAM, "c1", view("e" + i, "c1", "books", T0));
        }
        KeyValueStore<String, Long> seen = driver.getKeyValueStore(ProfileProcessor.SEEN_EVENTS_STORE);
        send(Topics.CLICKSTREAM, "c1", view("e0", "c1", "books", T0));
        assertThat(profiles.get("c1").eventCount()).as("a repeat within the window").isEqualTo(ids);

        driver.advanceWallClockTime(TopologyConfig.defaults().dedupWindow().plus(Duration.ofMinutes(1)));
        assertThat(count(seen)).as("one batch swept").isEqualTo(5);
        driver.advanceWallClockTime(ProfileProcessor.SWEEP_INTERVAL);
        assertThat(count(seen)).as("the rest on the next sweep").isZero();

        send(Topics.CLICKSTREAM, "c1", view("e0", "c1", "books", T0));
        assertThat(profiles.get("c1").eventCount()).as("an id older than the window counts again").isEqualTo(ids + 1);
        assertThat(count(seen)).isEqualTo(1);
    }

    private static long count(KeyValueStore<String, Long> store) {
        try (var all = store.all()) {
            long n = 0;
            for (; all.hasNext(); all.next()) {
                n++;
            }
            return n;
        }
    }

    @Test
    void shouldBuildAProfileFromClickstream() {
        send(Topics.CLICKSTREAM, "c1", view("e1", "c1", "books", T0));
        send(Topics.CLICKSTREAM, "c1", view("e2", "c1", "garden", T0 + 1000));

        CustomerProfile profile = profiles.get("c1");
        assertThat(profile.eventCount()).isEqualTo(2);
        assertThat(profile.firstSeen()).isEqualTo(T0);
        assertThat(profile.lastSeen()).isEqualTo(T0 + 1000);
        assertThat(profile.affinities()).containsOnlyKeys("books", "garden");
        assertThat(profile.recentPages()).extracting(CustomerProfile.PageVisit::page)
                .containsExactly("/p/books", "/p/garden");
        assertThat(profile.channelUsage()).containsEntry("web", 2L);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldApplyTransactionsToSpend() {
        send(Topics.TRANSACTIONS, "c1", """
                {"type":"purchase","eventId":"t1","customerId":"c1","timestamp":"2026-11-20T10:00:00Z",
                 "channel":"web","amount":120.5,"currency":"EUR","items":[{"productId":"p1","category":"tv"}]}""");
        send(Topics.TRANSACTIONS, "c1", """
                {"type":"refund","eventId":"t2","customerId":"c1","timestamp":"2026-11-21T10:00:00Z",
                 "channel":"store","amount":20.5,"currency":"EUR"}""");

        CustomerProfile.Spend spend = profiles.get("c1").spend();
        assertThat(spend.purchases()).isEqualTo(1);
        assertThat(spend.net()).isEqualTo(100.0);
        assertThat(spend.lastPurchaseAt()).isEqualTo(T0);
        assertThat(profiles.get("c1").affinities()).containsKey("tv");
    }

    @Test
    void shouldApplyResponsesFeedbackAndConsent() {
        send(Topics.OFFER_RESPONSES, "c1", """
                {"decisionId":"d1","customerId":"c1","offerId":"o1","campaignId":"k1","outcome":"accept",
                 "timestamp":%d}""".formatted(T0));
        send(Topics.CUSTOMER_FEEDBACK, "c1", """
                {"type":"nps","eventId":"f1","customerId":"c1","timestamp":%d,"channel":"email","nps":4}"""
                .formatted(T0));
        send(Topics.CUSTOMER_UPDATES, "c1", """
                {"type":"consent_update","eventId":"u1","customerId":"c1","timestamp":%d,
                 "consents":{"marketing":true,"sms":false}}""".formatted(T0));

        CustomerProfile profile = profiles.get("c1");
        assertThat(profile.responseCounts()).containsEntry("accept", 1L);
        assertThat(profile.feedback().lastNps()).isEqualTo(4);
        assertThat(profile.consents()).containsEntry("marketing", true).containsEntry("sms", false);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldProcessADuplicatedEventIdOnce() {
        send(Topics.TRANSACTIONS, "c1", """
                {"type":"purchase","eventId":"t1","customerId":"c1","timestamp":%d,"channel":"web",
                 "amount":10,"currency":"EUR"}""".formatted(T0));
        send(Topics.TRANSACTIONS, "c1", """
                {"type":"purchase","eventId":"t1","customerId":"c1","timestamp":%d,"channel":"web",
                 "amount":10,"currency":"EUR"}""".formatted(T0));
        send(Topics.TRANSACTIONS, "c1", """
                {"type":"purchase","eventId":"t1","customerId":"c1","timestamp":%d,"channel":"web",
                 "amount":10,"currency":"EUR"}""".formatted(T0 + 60_000));

        assertThat(profiles.get("c1").spend().purchases()).isEqualTo(1);
        assertThat(profiles.get("c1").eventCount()).isEqualTo(1);
    }

    @Test
    void shouldRecogniseARepeatOfAnOldEventWhateverItsEventTime() {
        send(Topics.CLICKSTREAM, "c1", view("new", "c1", "books", T0));
        String old = view("old", "c1", "garden", T0 - 30L * 24 * 60 * 60 * 1000);
        send(Topics.CLICKSTREAM, "c1", old);
        send(Topics.CLICKSTREAM, "c1", old);

        assertThat(profiles.get("c1").eventCount()).isEqualTo(2);

        driver.advanceWallClockTime(java.time.Duration.ofDays(8));
        send(Topics.CLICKSTREAM, "c1", old);
        assertThat(profiles.get("c1").eventCount()).as("ids are remembered for the de-duplication window only")
                .isEqualTo(3);
    }

    @Test
    void shouldSendUnreadableRecordsToTheDeadLetterTopicWithReasonAndSourceAndKeepGoing() {
        send(Topics.CLICKSTREAM, "c1", "{not json");
        send(Topics.CLICKSTREAM, "c1", "{\"type\":\"page_view\",\"eventId\":\"e9\",\"customerId\":\"c1\"}");
        send(Topics.CLICKSTREAM, "c1", null);
        send(Topics.CLICKSTREAM, "c1", "abc\u001b]0;title\u0007\u001b[2J\u202exyz");
        send(Topics.CLICKSTREAM, "c1", view("e1", "c1", "books", T0));

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(4);
        assertThat(header(dead.get(3), Topics.HEADER_REASON)).as("the record's bytes it quotes cannot drive a terminal")
                .startsWith("not valid JSON: Unrecognized token 'abc\\u001b'").doesNotContain("\u001b");
        assertThat(header(dead.get(0), Topics.HEADER_REASON)).startsWith("not valid JSON");
        assertThat(header(dead.get(0), Topics.HEADER_SOURCE_TOPIC)).isEqualTo("clickstream");
        assertThat(header(dead.get(0), Topics.HEADER_SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead.get(0), Topics.HEADER_SOURCE_OFFSET)).isEqualTo("0");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead.get(1), Topics.HEADER_REASON))
                .contains("required property 'timestamp' not found")
                .contains("required property 'channel' not found");
        assertThat(header(dead.get(1), Topics.HEADER_SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(dead.get(2), Topics.HEADER_REASON)).isEqualTo("record has no value");
        assertThat(profiles.get("c1").eventCount()).isEqualTo(1);
    }

    @Test
    void shouldKeepADeadLetterWithinWhatTheProducerSendsAndDateItWhenSetAside() {
        String longKey = "k".repeat(5_000);
        driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(longKey, view("e1", "c1", "books", T0).getBytes(StandardCharsets.UTF_8), T0 - 86_400_000L);
        send(Topics.CLICKSTREAM, "c2", "{\"pad\":\"" + "x".repeat(1_040_000) + "\"}");

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), Topics.HEADER_REASON)).as("a reason quotes a huge key's start")
                .hasSizeLessThanOrEqualTo(1_000).contains("(first 64 of 5000 characters) is not the event's subject");
        assertThat(header(dead.get(0), Topics.HEADER_SOURCE_TIMESTAMP)).isEqualTo(Long.toString(T0 - 86_400_000L));
        assertThat(dead.get(0).timestamp()).as("dated when set aside, for the topic's retention")
                .isGreaterThan(T0 - 86_400_000L);
        assertThat(dead.get(1).value()).as("too large to copy with its headers").isNull();
        assertThat(header(dead.get(1), Topics.HEADER_OMITTED_BYTES)).isEqualTo("value 1040010");
        assertThat(dead.get(1).key()).isEqualTo("c2");

        driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>("c3", "{}".getBytes(StandardCharsets.UTF_8),
                        new RecordHeaders().add("trace", new byte[1_040_000]), T0));
        TestRecord<String, byte[]> bigHeader = deadLetters.readRecord();
        assertThat(bigHeader.headers().lastHeader("trace")).as("a header too large to copy stays behind").isNull();
        assertThat(header(bigHeader, Topics.HEADER_OMITTED_BYTES)).as("only what made it too large")
                .isEqualTo("headers 1040015");
        assertThat(new String(bigHeader.value(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(header(bigHeader, Topics.HEADER_REASON)).isNotBlank();
    }

    @Test
    void shouldDeadLetterTextThatCannotBeWrittenBackAndKeepGoing() {
        // Half a surrogate pair parses, but no encoder can write it into the profile or its changelog.
        send(Topics.CLICKSTREAM, "c1", "{\"type\":\"page_view\",\"eventId\":\"e8\",\"customerId\":\"c1\",\"timestamp\":"
                + T0 + ",\"channel\":\"web\",\"page\":\"\\ud800\"}");
        send(Topics.CLICKSTREAM, "c1", view("e1", "c1", "books", T0));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, Topics.HEADER_REASON)).contains("$.page: text holds half of a UTF-16 surrogate pair");
        assertThat(profiles.get("c1").eventCount()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAnEventOnTheWrongTopic() {
        send(Topics.CLICKSTREAM, "c1", """
                {"type":"purchase","eventId":"t1","customerId":"c1","timestamp":%d,"channel":"web",
                 "amount":10,"currency":"EUR"}""".formatted(T0));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, Topics.HEADER_REASON))
                .isEqualTo("event type purchase belongs on topic transactions, not clickstream");
        assertThat(profiles.get("c1")).isNull();
    }

    @Test
    void shouldDeadLetterARecordNotKeyedByItsSubject() {
        send(Topics.CLICKSTREAM, null, view("e1", "c1", "books", T0));
        send(Topics.CLICKSTREAM, "c2", view("e2", "c1", "books", T0));
        send(Topics.CLICKSTREAM, "\u0000\u0000\u00009", view("e3", "c1", "books", T0));
        send(Topics.CLICKSTREAM, "k".repeat(3000), view("e4", "c1", "books", T0));

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(4);
        assertThat(header(dead.get(0), Topics.HEADER_REASON)).startsWith("record key (no key) is not the event's subject 'c1'");
        assertThat(header(dead.get(1), Topics.HEADER_REASON)).startsWith("record key 'c2' is not the event's subject 'c1'");
        assertThat(header(dead.get(2), Topics.HEADER_REASON)).as("a binary key's bytes, readable")
                .startsWith("record key '\\u0000\\u0000\\u00009' is not the event's subject 'c1'");
        assertThat(header(dead.get(3), Topics.HEADER_REASON)).as("a long key leaves the reason readable")
                .isEqualTo("record key '" + "k".repeat(64) + "' (first 64 of 3000 characters) is not the event's subject"
                        + " 'c1' (key events by customerId, or anonymousId when there is none)");
        assertThat(profiles.get("c1")).isNull();
    }

    @Test
    void shouldKeepAnonymousVisitorsUnderTheirAnonymousId() {
        send(Topics.CLICKSTREAM, "anon-1", """
                {"type":"page_view","eventId":"e1","anonymousId":"anon-1","timestamp":%d,"channel":"web",
                 "page":"/","category":"books"}""".formatted(T0));

        assertThat(profiles.get("anon-1").known()).isFalse();
        assertThat(profiles.get("anon-1").affinities()).containsKey("books");
    }

    @Test
    void shouldKeepTheCatalogueInStepWithTheOffersTopic() {
        KeyValueStore<String, Offer> catalogue = driver.getKeyValueStore(GlobalTableProcessor.OFFER_STORE);
        TestInputTopic<String, Offer> offers = driver.createInputTopic(Topics.OFFERS.name(),
                Topics.OFFERS.keySerde().serializer(), Topics.OFFERS.valueSerde().serializer());
        Offer first = Offer.basic("o1", "k1", "First", "books", List.of("web"), 5, 1);
        Offer changed = Offer.basic("o1", "k1", "Changed", "books", List.of("web"), 9, 2);

        offers.pipeInput("o1", first);
        assertThat(catalogue.get("o1")).isEqualTo(first);
        offers.pipeInput("o1", changed);
        assertThat(catalogue.get("o1")).isEqualTo(changed);
        offers.pipeInput("o1", null);
        assertThat(catalogue.get("o1")).isNull();
    }

    @Test
    void shouldSkipAnUnreadableOfferRecordWithoutStopping() {
        KeyValueStore<String, Offer> catalogue = driver.getKeyValueStore(GlobalTableProcessor.OFFER_STORE);
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.OFFERS.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());

        raw.pipeInput("bad", "{oops".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput("o2", """
                {"offerId":"o2","campaignId":"k","name":"Two","channels":["web"],"value":1,"priority":1}"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(catalogue.get("bad")).isNull();
        assertThat(catalogue.get("o2").name()).isEqualTo("Two");
    }

    @Test
    void shouldSkipIncompleteRecordsOnInternalTopicsAndKeepGoing() {
        for (Topic<String, byte[]> internal : List.of(Topics.IDENTITY_STITCHES, Topics.IDENTITY_MERGES,
                Topics.MODEL_UPDATES, Topics.CAMPAIGN_UPDATES)) {
            send(internal, "k1", "{}");
        }
        send(Topics.MODEL_UPDATES, "o-neg", """
                {"offerId":"o-neg","segment":"web/new","trials":-1000,"successes":5000,"at":%d}""".formatted(T0));
        send(Topics.CAMPAIGN_UPDATES, "k-neg", """
                {"campaignId":"k-neg","control":false,"newCustomers":-5,"presentations":-3,"at":%d}""".formatted(T0));
        send(Topics.CLICKSTREAM, "c1", view("e1", "c1", "books", T0));

        assertThat(profiles.get("c1").eventCount()).as("the stream thread is still at work").isEqualTo(1);
        assertThat(driver.getKeyValueStore(io.nbo.topology.learning.ModelAggregator.STORE).get("o-neg"))
                .as("negative evidence comes from no part of the service").isNull();
        assertThat(driver.getKeyValueStore(io.nbo.topology.campaigns.CampaignAggregator.STORE).get("k-neg")).isNull();
    }

    @Test
    void shouldSkipCatalogueRecordsThatBreakTheirContractsAndReadTheirDocumentedForm() {
        KeyValueStore<String, Offer> offers = driver.getKeyValueStore(GlobalTableProcessor.OFFER_STORE);
        KeyValueStore<String, Campaign> campaigns = driver.getKeyValueStore(GlobalTableProcessor.CAMPAIGN_STORE);
        TestInputTopic<String, byte[]> offerTopic = driver.createInputTopic(Topics.OFFERS.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        TestInputTopic<String, byte[]> campaignTopic = driver.createInputTopic(Topics.CAMPAIGNS.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());

        offerTopic.pipeInput("no-rule", """
                {"offerId":"no-rule","campaignId":"k","name":"x","channels":["web"],"value":5,"priority":1,
                 "rules":{"field":"spend.net","op":"frobnicate","value":1}}""".getBytes(StandardCharsets.UTF_8));
        offerTopic.pipeInput("too-big", """
                {"offerId":"too-big","campaignId":"k","name":"x","channels":["web"],"value":2000000,"priority":1}"""
                .getBytes(StandardCharsets.UTF_8));
        offerTopic.pipeInput("dated", """
                {"offerId":"dated","campaignId":"k","name":"Dated","channels":["web"],"value":5,"priority":1,
                 "validFrom":"2026-11-01T00:00:00Z"}""".getBytes(StandardCharsets.UTF_8));
        offerTopic.pipeInput("twice", """
                {"offerId":"twice","campaignId":"k","name":"a","name":"b","channels":["web"],"value":5,"priority":1}"""
                .getBytes(StandardCharsets.UTF_8));
        campaignTopic.pipeInput("greedy", """
                {"campaignId":"greedy","name":"x","controlShare":0.95}""".getBytes(StandardCharsets.UTF_8));

        assertThat(offers.get("no-rule")).as("a rule no decision could evaluate").isNull();
        assertThat(offers.get("too-big")).isNull();
        assertThat(offers.get("twice")).as("a key given twice").isNull();
        assertThat(offers.get("dated").validFrom()).as("validity written as the API takes it")
                .isEqualTo(java.time.Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(campaigns.get("greedy")).as("a control share beyond the contract's 0.9").isNull();
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
