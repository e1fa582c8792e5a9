package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.erasure.ErasureProcessor;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import io.nbo.topology.profile.ProfileSerde;
import io.nbo.schemas.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasure forgets the customer and the anonymous ids merged into them, in every store. */
class ErasureTopologyTest {
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clickstream;

    @BeforeEach
    void start() throws Exception {
        driver = TestDrivers.start("erasure-test");
        clickstream = driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void click(String key, String json) {
        clickstream.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private void login(String eventId, String customerId, String anonymousId, long at) {
        click(customerId, """
                {"type":"login","eventId":"%s","customerId":"%s","anonymousId":"%s","timestamp":%d,"channel":"web"}"""
                .formatted(eventId, customerId, anonymousId, at));
    }

    private void anonymousView(String eventId, String anonymousId, long at) {
        click(anonymousId, """
                {"type":"page_view","eventId":"%s","anonymousId":"%s","timestamp":%d,"channel":"web"}"""
                .formatted(eventId, anonymousId, at));
    }

    private void erase(String subject) {
        driver.createInputTopic(Topics.ERASURES.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(subject, ErasureProcessor.request(T0 + 2));
    }

    @Test
    void shouldForgetTheCustomerAndTheirStitchedVisitorEverywhere() {
        anonymousView("a1", "anon-9", T0);
        login("l1", "c-9", "anon-9", T0 + 1);
        KeyValueStore<String, CustomerProfile> profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        KeyValueStore<String, Long> seen = driver.getKeyValueStore(ProfileProcessor.SEEN_EVENTS_STORE);
        KeyValueStore<String, String> aliases = driver.getKeyValueStore(StitchProcessor.ALIAS_STORE);
        assertThat(profiles.get("c-9").stitchedIds()).containsExactly("anon-9");
        assertThat(aliases.get("anon-9")).isEqualTo("c-9");

        erase("c-9");

        assertThat(profiles.get("c-9")).isNull();
        assertThat(histories.get("c-9")).isNull();
        assertThat(aliases.get("anon-9")).isNull();
        try (var all = seen.all()) {
            all.forEachRemaining(entry -> assertThat(entry.key).doesNotContain("c-9").doesNotContain("anon-9"));
        }
        try (var all = profiles.all()) {
            all.forEachRemaining(entry -> assertThat(entry.key).doesNotContain("c-9").doesNotContain("anon-9"));
        }
    }

    @Test
    void shouldSendOnARequestAProducerPutOnAnotherPartitionOnceAndApplyItThere() throws Exception {
        driver.close();
        TopologyConfig threePartitions = new TopologyConfig(TopologyConfig.defaults().profileRules(),
                Duration.ofDays(7), Duration.ofHours(24), Duration.ofDays(14), 3);
        driver = TestDrivers.start("erasure-test", threePartitions);
        clickstream = driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        // The driver reads every record from partition 0: an id that hashes elsewhere was put there by "another
        // partitioner".
        String customer = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "c-" + i)
                .filter(id -> Topics.partitionOf(id, 3) != 0).findFirst().orElseThrow();
        click(customer, """
                {"type":"page_view","eventId":"v1","customerId":"%s","timestamp":%d,"channel":"web"}"""
                .formatted(customer, T0));
        TestOutputTopic<String, byte[]> requests = driver.createOutputTopic(Topics.ERASURES.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        KeyValueStore<String, CustomerProfile> profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
        assertThat(profiles.get(customer)).isNotNull();

        erase(customer);

        List<TestRecord<String, byte[]>> sentOn = requests.readRecordsToList();
        assertThat(sentOn).as("sent on once, marked, not again from where it landed").hasSize(1);
        assertThat(sentOn.get(0).key()).isEqualTo(customer);
        assertThat(sentOn.get(0).headers().lastHeader(ErasureProcessor.SENT_ON)).isNotNull();
        assertThat(profiles.get(customer)).isNull();
    }

    @Test
    void shouldSetAsideAnErasureRequestKeyedByNoId() {
        TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        erase(null);
        erase("two words");

        List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(letter -> new String(letter.headers().lastHeader(Topics.HEADER_REASON).value(),
                StandardCharsets.UTF_8)).containsExactly(
                "erasure request keyed (no key): key it by the customer or anonymous id to erase, 1-128 characters of"
                        + " letters, digits and ._:@/+=-, starting with a letter or digit",
                "erasure request keyed 'two words': key it by the customer or anonymous id to erase, 1-128 characters"
                        + " of letters, digits and ._:@/+=-, starting with a letter or digit");
    }

    @Test
    void shouldDropTheErasedCustomersDecodedStateFromMemoryToo() {
        click("c-8", """
                {"type":"page_view","eventId":"p8","customerId":"c-8","timestamp":%d,"channel":"web"}"""
                .formatted(T0));
        decide("d8", "c-8");
        KeyValueStore<String, CustomerProfile> profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        CustomerProfile profile = profiles.get("c-8");
        ContactHistory history = histories.get("c-8");
        // The same content as stored, written by codecs that keep nothing.
        byte[] profileBytes = JsonSerde.binary(CustomerProfile.class).toBytes(profile);
        byte[] historyBytes = StateSerdes.CONTACT_HISTORY_CODEC.toBytes(history);
        assertThat(ProfileSerde.serde().fromBytes(profileBytes)).as("kept decoded before").isSameAs(profile);
        assertThat(StateSerdes.CONTACT_HISTORY.fromBytes(historyBytes)).as("kept decoded before").isSameAs(history);

        erase("c-8");

        assertThat(ProfileSerde.serde().fromBytes(profileBytes)).isNotSameAs(profile).isEqualTo(profile);
        assertThat(StateSerdes.CONTACT_HISTORY.fromBytes(historyBytes)).isNotSameAs(history).isEqualTo(history);
    }

    @Test
    void shouldLogDecisionsUnderAPseudonymWhoseLinkErasureDeletes() {
        // An id with letters no UUID holds: a pseudonym is random hex, and "c-7" turned up in one.
        TestOutputTopic<String, byte[]> log = driver.createOutputTopic(Topics.DECISION_LOG.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        decide("d1", "cust-7");
        decide("d2", "cust-7");
        KeyValueStore<String, String> pseudonyms = driver.getKeyValueStore(ContactProcessor.PSEUDONYM_STORE);
        String pseudonym = pseudonyms.get("cust-7");

        List<KeyValue<String, byte[]>> before = log.readKeyValuesToList();
        assertThat(before).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.key).isEqualTo(pseudonym).doesNotContain("cust-7");
            assertThat(new String(entry.value, StandardCharsets.UTF_8)).doesNotContain("cust-7").contains(pseudonym);
            assertThat(io.nbo.schemas.validation.ContractValidator.shared().violations(
                    io.nbo.schemas.validation.Contract.DECISION_LOG, io.nbo.schemas.json.Json.mapper().readTree(entry.value)))
                    .as("the published contract of the log").isEmpty();
        });

        erase("cust-7");
        assertThat(pseudonyms.get("cust-7")).as("the only link from pseudonym to customer").isNull();
        try (var all = pseudonyms.all()) {
            all.forEachRemaining(entry -> assertThat(entry.value).isNotEqualTo(pseudonym));
        }

        decide("d3", "cust-7", T0 + 3);
        assertThat(log.readKeyValuesToList()).singleElement().satisfies(entry ->
                assertThat(entry.key).as("a returning customer starts a new, unlinked pseudonym")
                        .isNotEqualTo(pseudonym).startsWith("pseudonym-"));
    }

    @Test
    void shouldForgetVisitorsThatLeftNoProfileBeforeTheLogin() {
        // anon-silent: the login is its first sign of life; anon-asked: a site only asked for offers for it.
        decide("d-asked", "anon-asked");
        login("l5", "c-5", "anon-silent", T0);
        login("l6", "c-5", "anon-asked", T0 + 1);
        KeyValueStore<String, CustomerProfile> profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
        KeyValueStore<String, String> aliases = driver.getKeyValueStore(StitchProcessor.ALIAS_STORE);
        KeyValueStore<String, String> pseudonyms = driver.getKeyValueStore(ContactProcessor.PSEUDONYM_STORE);
        assertThat(profiles.get("c-5").stitchedIds()).containsExactlyInAnyOrder("anon-silent", "anon-asked");
        assertThat(pseudonyms.get("anon-asked")).isNotNull();

        erase("c-5");

        assertThat(aliases.get("anon-silent")).isNull();
        assertThat(aliases.get("anon-asked")).isNull();
        assertThat(pseudonyms.get("anon-asked")).isNull();
        assertThat(profiles.get("c-5")).isNull();
    }

    private void decide(String decisionId, String customer) {
        decide(decisionId, customer, T0);
    }

    private void decide(String decisionId, String customer, long decidedAt) {
        DecisionRecord record = new DecisionRecord(decisionId, customer, decidedAt, "web", "home", "thompson",
                List.of(new DecisionRecord.Candidate("o1", "k1", "books", "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 1)),
                List.of("o1"), List.of(), false, "involvement", "low");
        driver.createInputTopic(Topics.DECISIONS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(customer, StateSerdes.DECISION.toBytes(record), T0);
    }

    @Test
    void shouldTakeAnErasureAskedForInTheFutureAsAskedForNow() {
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        long later = System.currentTimeMillis() + 60_000;
        driver.createInputTopic(Topics.ERASURES.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("c-4", ErasureProcessor.request(later * 1000));

        decide("d1", "c-4", later);

        assertThat(histories.get("c-4").presentations()).as("a time in microseconds must not drop every decision")
                .extracting(p -> p.decisionId()).containsExactly("d1");
    }

    @Test
    void shouldNotBringAnErasedCustomersHistoryBackWithADecisionMadeBeforeTheErasure() {
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        click("c-3", """
                {"type":"page_view","eventId":"p1","customerId":"c-3","timestamp":%d,"channel":"web"}""".formatted(T0));
        decide("d1", "c-3", T0);

        erase("c-3");
        decide("d2", "c-3", T0 + 1);

        assertThat(histories.get("c-3")).as("decided before the erasure was asked for, arrived after it").isNull();
        decide("d3", "c-3", T0 + 3);
        assertThat(histories.get("c-3").presentations()).as("new activity after the erasure")
                .extracting(p -> p.decisionId()).containsExactly("d3");
    }

    @Test
    void shouldLeaveASharedDeviceToTheCustomerWhoLoggedInOnItLast() {
        anonymousView("a1", "anon-9", T0);
        login("l1", "c-1", "anon-9", T0 + 1);
        login("l2", "c-2", "anon-9", T0 + 2);
        anonymousView("a2", "anon-9", T0 + 3);
        KeyValueStore<String, CustomerProfile> profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
        KeyValueStore<String, String> aliases = driver.getKeyValueStore(StitchProcessor.ALIAS_STORE);
        assertThat(aliases.get("anon-9")).isEqualTo("c-2");
        assertThat(profiles.get("c-2").eventCount()).as("the login and the view after it").isEqualTo(2);

        erase("c-1");

        assertThat(profiles.get("c-1")).isNull();
        assertThat(aliases.get("anon-9")).as("the device is c-2's now").isEqualTo("c-2");
        assertThat(profiles.get("c-2").eventCount()).isEqualTo(2);

        login("l3", "c-3", "c-1", T0 + 4);

        assertThat(aliases.get("anon-9")).as("c-1's old device does not follow c-1 away from c-2").isEqualTo("c-2");

    }

    @Test
    void shouldLeaveAFreedDeviceIdAloneWhenAnEarlierCustomerOfItIsErased() {
        KeyValueStore<String, CustomerProfile> profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
        login("l1", "c-1", "anon-9", T0);
        login("l2", "c-2", "anon-9", T0 + 1);
        erase("c-2");
        anonymousView("a3", "anon-9", T0 + 5);
        assertThat(profiles.get("anon-9")).as("freed, the id starts afresh").isNotNull();
        assertThat(profiles.get("c-1").stitchedIds()).containsExactly("anon-9");

        erase("c-1");

        assertThat(profiles.get("c-1")).isNull();
        assertThat(profiles.get("anon-9")).as("its new life was never c-1's").isNotNull();
    }
}
