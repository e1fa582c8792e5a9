package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.offers.GlobalTableProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decisions and responses flowing into contact history, learned models and campaign totals. */
class LearningTopologyTest {
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private TopologyTestDriver driver;
    private KeyValueStore<String, ContactHistory> histories;
    private KeyValueStore<String, OfferModel> models;
    private KeyValueStore<String, CampaignStats> campaignStats;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() throws Exception {
        driver = TestDrivers.start("learning-test");
        histories = driver.getKeyValueStore(ContactProcessor.STORE);
        models = driver.getKeyValueStore(GlobalTableProcessor.MODEL_STORE);
        campaignStats = driver.getKeyValueStore(GlobalTableProcessor.CAMPAIGN_STATS_STORE);
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        driver.createInputTopic(Topics.OFFERS.name(), Topics.OFFERS.keySerde().serializer(),
                Topics.OFFERS.valueSerde().serializer())
                .pipeInput("o1", Offer.basic("o1", "k1", "Books", "books", List.of("web"), 10, 1));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void decide(String decisionId, String customer, List<DecisionRecord.ControlHold> heldOut, String... shown) {
        List<DecisionRecord.Candidate> candidates = java.util.Arrays.stream(shown)
                .map(o -> new DecisionRecord.Candidate(o, "k1", "books", "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 1))
                .toList();
        DecisionRecord record = new DecisionRecord(decisionId, customer, T0, "web", "home", "thompson", candidates,
                List.of(shown), heldOut, false, "involvement", "low");
        raw(Topics.DECISIONS.name(), customer, StateSerdes.DECISION.toBytes(record));
    }

    private void raw(String topic, String key, String json) {
        raw(topic, key, json.getBytes(StandardCharsets.UTF_8));
    }

    private void raw(String topic, String key, byte[] value) {
        TestInputTopic<String, byte[]> input = driver.createInputTopic(topic, Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        input.pipeInput(key, value, T0);
        // Summed evidence, then snapshots of models and campaign totals, are sent on wall-clock schedules.
        driver.advanceWallClockTime(ContactProcessor.FLUSH_INTERVAL);
        driver.advanceWallClockTime(SnapshotPublisher.INTERVAL);
    }

    private void respond(String decisionId, String customer, String outcome, long at) {
        raw(Topics.OFFER_RESPONSES.name(), customer, """
                {"decisionId":"%s","customerId":"%s","offerId":"o1","campaignId":"k1","outcome":"%s","timestamp":%d}"""
                .formatted(decisionId, customer, outcome, at));
    }

    @Test
    void shouldRecordPresentationsAndPublishTrialsAndCampaignTotals() {
        decide("d1", "c1", List.of(), "o1");
        decide("d1", "c1", List.of(), "o1");

        assertThat(histories.get("c1").presentations()).singleElement()
                .satisfies(p -> assertThat(p.offerId()).isEqualTo("o1"));
        assertThat(models.get("o1").segment("web/top").trials()).isEqualTo(1.0);
        assertThat(models.get("o1").segment("web/top").successes()).isZero();
        assertThat(campaignStats.get("k1").treatment().presentations()).isEqualTo(1);
        assertThat(campaignStats.get("k1").treatment().customers()).isEqualTo(1);
    }

    @Test
    void shouldLearnFromAnAcceptOnceAndCountOutcomes() {
        decide("d1", "c1", List.of(), "o1");
        respond("d1", "c1", "click", T0 + 1000);
        respond("d1", "c1", "accept", T0 + 2000);
        respond("d1", "c1", "convert", T0 + 3000);

        assertThat(models.get("o1").segment("web/top").successes()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        CampaignStats stats = campaignStats.get("k1");
        assertThat(stats.treatment().clicks()).isEqualTo(1);
        assertThat(stats.treatment().accepts()).isEqualTo(1);
        assertThat(stats.treatment().conversions()).as("a convert response is no campaign conversion").isZero();
        assertThat(stats.offer("o1").accepts()).isEqualTo(1);
        assertThat(histories.get("c1").offer("o1").lastAcceptAt()).as("a conversion restarts the cool-down")
                .isEqualTo(T0 + 3000);
    }

    @Test
    void shouldDateEvidenceFromTheFutureNow() {
        long before = System.currentTimeMillis();
        decide("d1", "c1", List.of(), "o1");
        double trials = models.get("o1").segment("web/top").decayedTo(before, java.time.Duration.ofDays(14).toMillis())
                .trials();
        respond("d1", "c1", "accept", before + java.time.Duration.ofHours(20).toMillis());

        var segment = models.get("o1").segment("web/top");
        assertThat(segment.asOf()).as("a client clock 20 h ahead does not age every other piece of evidence")
                .isLessThan(before + java.time.Duration.ofHours(1).toMillis());
        assertThat(segment.decayedTo(before, java.time.Duration.ofDays(14).toMillis()).trials())
                .isCloseTo(trials, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void shouldAttributeAPurchaseToTheControlGroupAndTheTreatmentGroupAlike() {
        decide("d1", "treated", List.of(), "o1");
        decide("d2", "held", List.of(new DecisionRecord.ControlHold("k1", "o1", "books")));
        String purchase = """
                {"type":"purchase","eventId":"p-%s","customerId":"%s","timestamp":%d,"channel":"web","amount":30,
                 "currency":"EUR","items":[{"productId":"b1","category":"books","price":30}]}""";
        raw(Topics.TRANSACTIONS.name(), "treated", purchase.formatted("t", "treated", T0 + 60_000));
        raw(Topics.TRANSACTIONS.name(), "held", purchase.formatted("h", "held", T0 + 60_000));

        CampaignStats stats = campaignStats.get("k1");
        assertThat(stats.treatment().convertingCustomers()).isEqualTo(1);
        assertThat(stats.control().customers()).isEqualTo(1);
        assertThat(stats.control().convertingCustomers()).isEqualTo(1);
        assertThat(stats.control().revenue()).isEqualTo(30.0);
        assertThat(models.get("o1").segment("web/top").successes()).as("control purchases teach nothing")
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void shouldTakeARefundedOrderBackFromTheCampaignItConverted() {
        decide("d1", "treated", List.of(), "o1");
        raw(Topics.TRANSACTIONS.name(), "treated", """
                {"type":"purchase","eventId":"p-1","customerId":"treated","timestamp":%d,"channel":"web","orderId":"o-1",
                 "amount":45,"currency":"EUR","items":[{"productId":"b1","category":"books","price":30},
                 {"productId":"b2","category":"books","price":15}]}""".formatted(T0 + 60_000));
        assertThat(campaignStats.get("k1").treatment().revenue()).isEqualTo(45.0);

        String refund = """
                {"type":"refund","eventId":"r-%s","customerId":"treated","timestamp":%d,"channel":"store",
                 "orderId":"o-1","amount":%s,"currency":"EUR","items":[{"productId":"%s","category":"books","price":%s}]}""";
        raw(Topics.TRANSACTIONS.name(), "treated", refund.formatted("1", T0 + 120_000, "30", "b1", "30"));
        assertThat(campaignStats.get("k1").treatment().revenue()).isEqualTo(15.0);
        assertThat(campaignStats.get("k1").treatment().convertingCustomers()).isEqualTo(1);

        raw(Topics.TRANSACTIONS.name(), "treated", refund.formatted("2", T0 + 180_000, "15", "b2", "15"));
        CampaignStats stats = campaignStats.get("k1");
        assertThat(stats.treatment().revenue()).isZero();
        assertThat(stats.treatment().conversions()).isZero();
        assertThat(stats.treatment().convertingCustomers()).isZero();
        assertThat(stats.treatment().customers()).isEqualTo(1);
        assertThat(histories.get("treated").presentations()).singleElement()
                .satisfies(p -> assertThat(p.converted()).isFalse());
    }

    @Test
    void shouldDeadLetterAnUnreadableDecisionRecord() {
        raw(Topics.DECISIONS.name(), "c1", "{\"decisionId\":");
        raw(Topics.DECISIONS.name(), "c2", "{\"decisionId\":\"d9\",\"customerId\":\"c1\",\"decidedAt\":1}");

        assertThat(deadLetters.readRecordsToList()).hasSize(2);
        assertThat(histories.get("c1")).isNull();
    }

    @Test
    void shouldKeepEachAggregatorStoreEqualToWhatItPublishes() {
        for (int i = 0; i < 5; i++) {
            decide("d" + i, "c" + i, List.of(), "o1");
            respond("d" + i, "c" + i, i % 2 == 0 ? "accept" : "decline", T0 + 1_000);
        }
        KeyValueStore<String, OfferModel> ownModels = driver.getKeyValueStore(
                io.nbo.topology.learning.ModelAggregator.STORE);
        KeyValueStore<String, CampaignStats> ownTotals = driver.getKeyValueStore(
                io.nbo.topology.campaigns.CampaignAggregator.STORE);

        assertThat(ownModels.get("o1")).as("the model as the aggregator stored it").isEqualTo(models.get("o1"));
        assertThat(ownTotals.get("k1")).as("the totals as the aggregator stored them").isEqualTo(campaignStats.get("k1"));
        assertThat(campaignStats.get("k1").treatment().customers()).isEqualTo(5);
        assertThat(models.get("o1").segment("web/top").successes()).isGreaterThan(2.9);
    }

    @Test
    void shouldSumEvidenceBetweenFlushesAndSendOneRecordPerKey() {
        TestOutputTopic<String, byte[]> modelUpdates = driver.createOutputTopic(Topics.MODEL_UPDATES.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        TestOutputTopic<String, byte[]> campaignUpdates = driver.createOutputTopic(Topics.CAMPAIGN_UPDATES.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        TestInputTopic<String, byte[]> decisions = driver.createInputTopic(Topics.DECISIONS.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        for (int i = 0; i < 4; i++) {
            DecisionRecord record = new DecisionRecord("d" + i, "c" + i, T0 + i, "web", "home", "thompson",
                    List.of(new DecisionRecord.Candidate("o1", "k1", "books", "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 1)),
                    List.of("o1"), List.of(), false, "involvement", "low");
            decisions.pipeInput("c" + i, StateSerdes.DECISION.toBytes(record), T0);
        }
        assertThat(modelUpdates.isEmpty()).as("nothing is sent before the flush").isTrue();

        driver.advanceWallClockTime(ContactProcessor.FLUSH_INTERVAL);

        var learning = modelUpdates.readValuesToList().stream().map(StateSerdes.LEARNING_UPDATE::fromBytes).toList();
        assertThat(learning).singleElement().satisfies(update -> {
            assertThat(update.trials()).isEqualTo(4);
            assertThat(update.at()).isEqualTo(T0 + 3);
        });
        var campaigns = campaignUpdates.readValuesToList().stream().map(StateSerdes.CAMPAIGN_UPDATE::fromBytes)
                .toList();
        assertThat(campaigns).as("one sum per campaign, offer, group, minute and new customers' segments")
                .singleElement().satisfies(update -> {
                    assertThat(update.presentations()).isEqualTo(4);
                    assertThat(update.newCustomers()).isEqualTo(4);
                });
        driver.advanceWallClockTime(SnapshotPublisher.INTERVAL);
        assertThat(models.get("o1").segment("web/top").trials()).isEqualTo(4.0);
        CampaignStats stats = campaignStats.get("k1");
        assertThat(stats.treatment().customers()).isEqualTo(4);
        assertThat(stats.treatment().customersBySegment().values()).as("each segment counts all four customers")
                .isNotEmpty().allMatch(count -> count == 4);

        driver.advanceWallClockTime(ContactProcessor.FLUSH_INTERVAL);
        assertThat(modelUpdates.isEmpty()).as("a flushed sum is not sent again").isTrue();
    }
}
