package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.campaigns.CampaignAggregator;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.identity.IdentityRecords;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A login ties an anonymous visitor to a customer: state moves over once, later events follow. */
class StitchingTopologyTest {
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clickstream;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, String> aliases;

    @BeforeEach
    void start() throws Exception {
        driver = TestDrivers.start("stitch-test");
        clickstream = driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
        aliases = driver.getKeyValueStore(StitchProcessor.ALIAS_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void anonymousView(String eventId, String category, long at) {
        clickstream.pipeInput("anon-1", """
                {"type":"product_view","eventId":"%s","anonymousId":"anon-1","timestamp":%d,"channel":"web",
                 "category":"%s","productId":"p1"}""".formatted(eventId, at, category).getBytes(StandardCharsets.UTF_8));
    }

    /** A decision that showed offer o1 to the visitor anon-1. */
    private void visitorDecision(String decisionId, long at) {
        decision("anon-1", decisionId, at, false);
    }

    /** A decision for {@code subjectId} that showed offer o1 of campaign k1, or held it out as control. */
    private void decision(String subjectId, String decisionId, long at, boolean control) {
        String shown = control ? "[]" : "[\"o1\"]";
        String heldOut = control ? "[{\"campaignId\":\"k1\",\"offerId\":\"o1\",\"category\":\"tents\"}]" : "[]";
        driver.createInputTopic(Topics.DECISIONS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(subjectId, """
                        {"decisionId":"%s","customerId":"%s","decidedAt":%d,"channel":"web","policy":"greedy",
                         "candidates":[{"offerId":"o1","campaignId":"k1","category":"tents","segment":"web/top",
                           "propensity":0.1,"propensityMean":0.1,"context":1,"value":5,"lever":1,"priority":0.5,
                           "choiceProbability":1,"rank":1}],"shown":%s,"heldOut":%s,"fallback":false,
                         "stage":"%s","valueTier":"low"}"""
                        .formatted(decisionId, subjectId, at, shown, heldOut,
                                subjectId.startsWith("anon") ? "contact" : "involvement")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private CampaignStats campaignTotalsAfterFlush() {
        driver.advanceWallClockTime(ContactProcessor.FLUSH_INTERVAL);
        KeyValueStore<String, CampaignStats> totals = driver.getKeyValueStore(CampaignAggregator.STORE);
        return totals.get("k1");
    }

    @Test
    void shouldCountAPersonACampaignMetAsVisitorAndAsCustomerOnceInOneGroup() {
        decision("anon-1", "d-v", T0, false);
        decision("c-1", "d-c", T0 + 10, false);
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        ContactHistory visitorHistory = histories.get("anon-1");
        login("l1", T0 + 1000);
        login("l1-again", T0 + 2000);
        driver.createInputTopic(Topics.IDENTITY_MERGES.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer()).pipeInput("c-1", IdentityRecords.MERGE.toBytes(
                        new IdentityRecords.MergePayload("anon-1", "c-1", null, visitorHistory, null)), T0 + 3000);

        CampaignStats totals = campaignTotalsAfterFlush();
        assertThat(totals.treatment().customers()).as("one person, though two ids were shown the offer, and a repeated "
                + "hand-over corrects nothing again").isEqualTo(1);
        assertThat(totals.treatment().presentations()).as("both presentations happened").isEqualTo(2);
        assertThat(totals.treatment().customersBySegment()).as("the person once, as the customer was counted")
                .isEqualTo(java.util.Map.of("stage:involvement", 1L, "value:low", 1L));
    }

    @Test
    void shouldKeepAPersonMetInBothGroupsInTheCustomersGroupOnly() {
        decision("anon-1", "d-v", T0, true);
        decision("c-1", "d-c", T0 + 10, false);
        login("l1", T0 + 1000);

        CampaignStats totals = campaignTotalsAfterFlush();
        assertThat(totals.treatment().customers()).isEqualTo(1);
        assertThat(totals.control().customers()).as("the visitor's hold-out no longer counts a customer").isZero();
        assertThat(totals.control().presentations()).as("the hold happened").isEqualTo(1);
        assertThat(totals.control().customersBySegment()).isEmpty();
        assertThat(totals.treatment().customersBySegment()).containsEntry("stage:involvement", 1L);
    }

    private void login(String eventId, long at) {
        clickstream.pipeInput("c-1", """
                {"type":"login","eventId":"%s","customerId":"c-1","anonymousId":"anon-1","timestamp":%d,
                 "channel":"web"}""".formatted(eventId, at).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldMoveTheAnonymousStateToTheCustomerOnceAndFollowLaterEvents() {
        anonymousView("a1", "tents", T0);
        anonymousView("a2", "tents", T0 + 1000);
        clickstream.pipeInput("c-1", """
                {"type":"page_view","eventId":"c1","customerId":"c-1","timestamp":%d,"channel":"app",
                 "category":"books"}""".formatted(T0 + 500).getBytes(StandardCharsets.UTF_8));
        assertThat(profiles.get("anon-1").eventCount()).isEqualTo(2);

        login("l1", T0 + 2000);

        CustomerProfile merged = profiles.get("c-1");
        assertThat(profiles.get("anon-1")).isNull();
        assertThat(aliases.get("anon-1")).isEqualTo("c-1");
        assertThat(merged.eventCount()).as("2 anonymous + 1 own + the login").isEqualTo(4);
        assertThat(merged.affinities()).containsKeys("tents", "books");
        assertThat(merged.firstSeen()).isEqualTo(T0);
        assertThat(merged.channelUsage()).containsEntry("web", 3L).containsEntry("app", 1L);
        assertThat(merged.stitchedIds()).containsExactly("anon-1");

        login("l2", T0 + 3000);
        anonymousView("a3", "tents", T0 + 4000);
        anonymousView("a1", "tents", T0);

        CustomerProfile after = profiles.get("c-1");
        assertThat(after.eventCount()).as("second login and the new anonymous event; the repeat of a1 is dropped")
                .isEqualTo(6);
        assertThat(profiles.get("anon-1")).isNull();
        assertThat(after.recentPages()).hasSize(4);
    }

    @Test
    void shouldHandOverTheContactHistoryToo() {
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        anonymousView("a1", "tents", T0);
        visitorDecision("d1", T0 + 10);
        assertThat(histories.get("anon-1").presentations()).hasSize(1);

        login("l1", T0 + 2000);

        assertThat(histories.get("anon-1")).isNull();
        assertThat(histories.get("c-1").presentations()).singleElement()
                .satisfies(p -> assertThat(p.decisionId()).isEqualTo("d1"));
    }

    @Test
    void shouldFileAVisitorsDecisionThatArrivesAfterTheLoginUnderTheCustomer() {
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        anonymousView("a1", "tents", T0);
        login("l1", T0 + 2000);

        visitorDecision("d-late", T0 + 1990);

        assertThat(histories.get("anon-1")).as("nothing kept under the visitor, whose reads lead to the customer")
                .isNull();
        assertThat(histories.get("c-1").presentations()).singleElement()
                .satisfies(p -> assertThat(p.decisionId()).isEqualTo("d-late"));
    }

    @Test
    void shouldSetAsideAnEventWhoseIdsLeadRoundToEachOther() {
        TestOutputTopic<String, byte[]> deadLetters = TestDrivers.deadLetters(driver);
        // State a version without the check above could leave behind.
        aliases.put("m", "n");
        aliases.put("n", "m");

        clickstream.pipeInput("m", """
                {"type":"page_view","eventId":"m-1","customerId":"m","timestamp":%d,"channel":"web","page":"/"}"""
                .formatted(T0).getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(letter -> {
            assertThat(new String(letter.headers().lastHeader(Topics.HEADER_REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("'n' leads to 'm', which this event was sent on from: the ids lead round to each"
                            + " other, so the event has no profile to go to");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("\"eventId\":\"m-1\"");
        });
        assertThat(profiles.get("m")).isNull();
        assertThat(profiles.get("n")).isNull();
        decision("m", "d-loop", T0, false);
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        assertThat(histories.get("n").presentations()).as("a decision stops where it would go round, and counts")
                .extracting(io.nbo.decisioning.contact.Presentation::decisionId).containsExactly("d-loop");

        // Once the aliases are mended, an event sent with a letter's headers (a replay tool copies them) goes on.
        aliases.delete("m");
        clickstream.pipeInput(new org.apache.kafka.streams.test.TestRecord<>("n", """
                {"type":"page_view","eventId":"m-2","customerId":"n","timestamp":%d,"channel":"web","page":"/"}"""
                .formatted(T0).getBytes(StandardCharsets.UTF_8), new org.apache.kafka.common.header.internals
                .RecordHeaders().add("nbo-sent-on-from", "m".getBytes(StandardCharsets.UTF_8)), Instant.ofEpochMilli(T0)));
        assertThat(deadLetters.isEmpty()).as("ids it was sent on from before it reached a topic again are no loop")
                .isTrue();
        assertThat(profiles.get("m").eventCount()).isEqualTo(1);
    }

    @Test
    void shouldMoveIdsStitchedToAnIdWhenThatIdIsStitchedOn() {
        anonymousView("a1", "tents", T0);
        login("l1", T0 + 1000);
        TestDrivers.login(clickstream, "l2", "c-2", "c-1", T0 + 2000);
        anonymousView("a2", "tents", T0 + 3000);

        assertThat(aliases.get("c-1")).isEqualTo("c-2");
        assertThat(aliases.get("anon-1")).as("follows c-1, so it does not lead to a moved profile").isEqualTo("c-2");
        assertThat(profiles.get("c-1")).isNull();
        assertThat(profiles.get("c-2").stitchedIds()).contains("c-1", "anon-1");
        assertThat(profiles.get("c-2").eventCount()).as("two views and two logins").isEqualTo(4);
    }

    @Test
    void shouldNotLetALoginSentWithASiteKeyTakeOverAKnownCustomer() {
        anonymousView("a1", "tents", T0);
        login("l1", T0 + 1000);
        var deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders()
                .add(IdentityRecords.PUBLIC_KEY_HEADER, new byte[0]);
        clickstream.pipeInput(new org.apache.kafka.streams.test.TestRecord<>("att-1", """
                {"type":"login","eventId":"l2","customerId":"att-1","anonymousId":"c-1","timestamp":%d,
                 "channel":"web"}""".formatted(T0 + 2000).getBytes(StandardCharsets.UTF_8), headers, T0 + 2000));
        anonymousView("a2", "tents", T0 + 3000);

        assertThat(aliases.get("c-1")).isNull();
        assertThat(profiles.get("c-1").stitchedIds()).containsExactly("anon-1");
        assertThat(profiles.get("c-1").eventCount()).as("the visitor's view, the login, the later view").isEqualTo(3);
        assertThat(profiles.get("att-1").eventCount()).as("the login itself still counts for who sent it").isEqualTo(1);
        assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(letter -> assertThat(new String(
                letter.headers().lastHeader(Topics.HEADER_REASON).value(), StandardCharsets.UTF_8))
                .startsWith("login l2 of 'att-1' names the known customer 'c-1' as its anonymousId"));
        try (var notes = aliases.prefixScan("stitching|", Serdes.String().serializer())) {
            assertThat(notes.hasNext()).as("the refusal answered the note of att-1's login, as hand-overs do").isFalse();
        }

        clickstream.pipeInput(new org.apache.kafka.streams.test.TestRecord<>("att-1", """
                {"type":"login","eventId":"l4","customerId":"att-1","anonymousId":"anon-9","timestamp":%d,
                 "channel":"web"}""".formatted(T0 + 5000).getBytes(StandardCharsets.UTF_8), headers, T0 + 5000));
        assertThat(aliases.get("anon-9")).as("a visitor is still stitched on a site key's login").isEqualTo("att-1");
    }

    @Test
    void shouldKeepAMergedCustomersIdFromASiteKeysLogin() {
        clickstream.pipeInput("c-1", """
                {"type":"page_view","eventId":"own","customerId":"c-1","timestamp":%d,"channel":"web"}"""
                .formatted(T0).getBytes(StandardCharsets.UTF_8));
        TestDrivers.login(clickstream, "merge", "c-2", "c-1", T0 + 1000);
        var deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());

        siteLogin("take", "att-1", "c-1", T0 + 2000);

        assertThat(aliases.get("c-1")).as("still leads to the customer it was merged into").isEqualTo("c-2");
        assertThat(deadLetters.readRecordsToList()).hasSize(1);
    }

    @Test
    void shouldFreeAnIdASiteKeyClaimedOnceItsOwnCustomerComes() {
        siteLogin("claim", "att-1", "c-9", T0);
        assertThat(aliases.get("c-9")).isEqualTo("att-1");

        clickstream.pipeInput("c-9", """
                {"type":"page_view","eventId":"own-1","customerId":"c-9","timestamp":%d,"channel":"web"}"""
                .formatted(T0 + 1000).getBytes(StandardCharsets.UTF_8));

        assertThat(aliases.get("c-9")).isNull();
        assertThat(profiles.get("c-9").eventCount()).isEqualTo(1);
        assertThat(profiles.get("att-1").eventCount()).as("the claiming login only").isEqualTo(1);

        siteLogin("fresh", "c-1", "anon-new", T0 + 2000);
        clickstream.pipeInput("anon-new", """
                {"type":"page_view","eventId":"v-1","anonymousId":"anon-new","timestamp":%d,"channel":"web"}"""
                .formatted(T0 + 3000).getBytes(StandardCharsets.UTF_8));
        assertThat(profiles.get("c-1").eventCount()).as("a visitor's first event after its login still follows it")
                .isEqualTo(2);
    }

    private void siteLogin(String eventId, String customerId, String anonymousId, long at) {
        clickstream.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(customerId, """
                {"type":"login","eventId":"%s","customerId":"%s","anonymousId":"%s","timestamp":%d,"channel":"web"}"""
                .formatted(eventId, customerId, anonymousId, at).getBytes(StandardCharsets.UTF_8),
                new org.apache.kafka.common.header.internals.RecordHeaders().add(IdentityRecords.PUBLIC_KEY_HEADER,
                        new byte[0]), at));
    }

    @Test
    void shouldFileEventsOfAStitchedIdUnderItsCustomerWhateverFieldNamesIt() {
        anonymousView("a1", "tents", T0);
        login("l1", T0 + 1000);
        clickstream.pipeInput("anon-1", """
                {"type":"page_view","eventId":"p1","customerId":"anon-1","timestamp":%d,"channel":"web"}"""
                .formatted(T0 + 2000).getBytes(StandardCharsets.UTF_8));

        assertThat(profiles.get("anon-1")).as("reads of anon-1 answer with c-1's profile").isNull();
        assertThat(profiles.get("c-1").eventCount()).isEqualTo(3);
    }

    @Test
    void shouldNotStitchAnIdToItself() {
        TestDrivers.login(clickstream, "l1", "c-1", "c-1", T0);

        assertThat(aliases.get("c-1")).isNull();
        assertThat(profiles.get("c-1").eventCount()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheCustomersOwnChoicesExceptAConsentTheSessionWithdrewLater() {
        TestInputTopic<String, byte[]> updates = driver.createInputTopic(Topics.CUSTOMER_UPDATES.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        updates.pipeInput("c-1", """
                {"type":"consent_update","eventId":"u1","customerId":"c-1","timestamp":%d,
                 "consents":{"email":false,"sms":true}}""".formatted(T0 - 5 * 86_400_000L).getBytes(StandardCharsets.UTF_8));
        updates.pipeInput("c-1", """
                {"type":"attribute_update","eventId":"u2","customerId":"c-1","timestamp":%d,
                 "attributes":{"tier":"gold","segment":"b2b"}}""".formatted(T0 - 5 * 86_400_000L).getBytes(StandardCharsets.UTF_8));
        updates.pipeInput("c-1", """
                {"type":"attribute_update","eventId":"u2b","customerId":"c-1","timestamp":%d,
                 "attributes":{"segment":null}}""".formatted(T0 + 500).getBytes(StandardCharsets.UTF_8));
        updates.pipeInput("anon-1", """
                {"type":"consent_update","eventId":"u3","anonymousId":"anon-1","timestamp":%d,
                 "consents":{"email":true,"sms":false,"web":true,"push":false}}""".formatted(T0).getBytes(StandardCharsets.UTF_8));
        updates.pipeInput("c-1", """
                {"type":"consent_update","eventId":"u1b","customerId":"c-1","timestamp":%d,
                 "consents":{"push":true}}""".formatted(T0).getBytes(StandardCharsets.UTF_8));
        updates.pipeInput("anon-1", """
                {"type":"attribute_update","eventId":"u4","anonymousId":"anon-1","timestamp":%d,
                 "attributes":{"tier":"anon","city":"Lyon","segment":"retail"}}""".formatted(T0).getBytes(StandardCharsets.UTF_8));

        login("l1", T0 + 1000);

        CustomerProfile merged = profiles.get("c-1");
        assertThat(merged.consents()).as("the recorded opt-out stays; the later withdrawal counts; a gap is filled;"
                + " a withdrawal at the same moment as the consent is a doubt, and in doubt, no consent")
                .containsEntry("email", false).containsEntry("sms", false).containsEntry("web", true)
                .containsEntry("push", false);
        assertThat(merged.attributes()).as("an attribute the customer removed is a record too: the session does not bring it back")
                .containsEntry("tier", "gold").containsEntry("city", "Lyon").doesNotContainKey("segment");
    }

    @Test
    void shouldRecogniseAVisitorsEventRetriedUnderTheCustomersId() {
        anonymousView("a1", "tents", T0);
        login("l1", T0 + 1000);
        assertThat(profiles.get("c-1").eventCount()).isEqualTo(2);

        clickstream.pipeInput("c-1", """
                {"type":"product_view","eventId":"a1","customerId":"c-1","anonymousId":"anon-1","timestamp":%d,
                 "channel":"web","category":"tents","productId":"p1"}""".formatted(T0).getBytes(StandardCharsets.UTF_8));
        clickstream.pipeInput("c-1", """
                {"type":"product_view","eventId":"a1","customerId":"c-1","timestamp":%d,
                 "channel":"web","category":"tents","productId":"p1"}""".formatted(T0).getBytes(StandardCharsets.UTF_8));

        assertThat(profiles.get("c-1").eventCount()).as("the retries of the visitor's view are repeats").isEqualTo(2);
    }

    @Test
    void shouldShowTheCurrencyOfTheLatestPurchaseOfEitherSide() {
        TestInputTopic<String, byte[]> transactions = driver.createInputTopic(Topics.TRANSACTIONS.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        transactions.pipeInput("c-1", """
                {"type":"purchase","eventId":"p1","customerId":"c-1","timestamp":%d,"channel":"web","amount":5,
                 "currency":"USD"}""".formatted(T0 - 3_600_000).getBytes(StandardCharsets.UTF_8));
        transactions.pipeInput("anon-1", """
                {"type":"purchase","eventId":"p2","customerId":"anon-1","timestamp":%d,"channel":"web","amount":5,
                 "currency":"JPY"}""".formatted(T0).getBytes(StandardCharsets.UTF_8));

        clickstream.pipeInput("c-1", """
                {"type":"login","eventId":"l1","customerId":"c-1","anonymousId":"anon-1","timestamp":%d,
                 "channel":"web"}""".formatted(T0 + 1000).getBytes(StandardCharsets.UTF_8));

        assertThat(profiles.get("c-1").spend().currency()).isEqualTo("JPY");
        assertThat(profiles.get("c-1").spend().lastPurchaseAt()).isEqualTo(T0);
    }
}
