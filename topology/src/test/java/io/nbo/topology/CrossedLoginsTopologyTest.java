package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.identity.CrossedLogins;
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

/** Two ids logging in as each other: whichever way the logins come, the ids never lead to each other. */
class CrossedLoginsTopologyTest {
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clickstream;
    private KeyValueStore<String, String> aliases;
    private KeyValueStore<String, CustomerProfile> profiles;

    @BeforeEach
    void start() throws Exception {
        driver = TestDrivers.start("crossed-logins-test");
        clickstream = driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        aliases = driver.getKeyValueStore(StitchProcessor.ALIAS_STORE);
        profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldKeepEverythingUnderOneCustomerWhenTwoIdsLogInAsEachOther() {
        TestDrivers.login(clickstream, "l1", "a", "b", T0);
        TestDrivers.login(clickstream, "l2", "b", "a", T0 + 1000);

        assertThat(aliases.get("b")).isEqualTo("a");
        assertThat(aliases.get("a")).as("no alias back: the ids would point at each other").isNull();
        assertThat(profiles.get("b")).isNull();
        assertThat(profiles.get("a").eventCount()).as("both logins").isEqualTo(2);
    }

    @Test
    void shouldLetOnlyTheEarlierOfTwoCrossedLoginsStitch() {
        TestOutputTopic<String, byte[]> deadLetters = TestDrivers.deadLetters(driver);
        clickstream.pipeInput("b", """
                {"type":"page_view","eventId":"b-1","customerId":"b","timestamp":%d,"channel":"web","page":"/"}"""
                .formatted(T0).getBytes(StandardCharsets.UTF_8));
        // b's login naming a was taken in on b's partition, its stitch still on its way, when a logs in naming b.
        CrossedLogins.expect(aliases, new IdentityRecords.StitchRequest("a", "b", "l-b", T0 + 500, null, false),
                System.currentTimeMillis());

        TestDrivers.login(clickstream, "l-a", "a", "b", T0 + 1000);

        assertThat(aliases.get("b")).as("the later login does not stitch").isNull();
        assertThat(profiles.get("b").eventCount()).isEqualTo(1);
        assertThat(profiles.get("a").eventCount()).isEqualTo(1);
        assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(letter -> assertThat(new String(
                letter.headers().lastHeader(Topics.HEADER_REASON).value(), StandardCharsets.UTF_8))
                .contains("login l-a of 'a' names 'b' as its anonymousId, while login l-b of 'b'",
                        "the two logins cross, and only the earlier stitches ('a' joins 'b')"));
        assertThat(CrossedLogins.earlierCrossing(aliases, new IdentityRecords.StitchRequest("a", "b", "l-b2",
                T0 + 2000, null, false))).as("the refusal answered a's note").isEmpty();
    }

    @Test
    void shouldDecideCrossedLoginsTheSameWayOnBothSides() {
        long now = System.currentTimeMillis();
        for (long laterBy : new long[] {1, 0}) {
            var ofX = new IdentityRecords.StitchRequest("y", "x", "l-x", T0, null, false);
            var ofY = new IdentityRecords.StitchRequest("x", "y", "l-y", T0 + laterBy, null, false);
            CrossedLogins.expect(aliases, ofX, now);
            CrossedLogins.expect(aliases, ofY, now);

            // x's login is the earlier (or, at the same moment, x sorts first): y's stitch is refused, x's goes ahead.
            assertThat(CrossedLogins.earlierCrossing(aliases, ofY)).as("later by %d ms", laterBy).isPresent();
            assertThat(CrossedLogins.earlierCrossing(aliases, ofX)).as("later by %d ms", laterBy).isEmpty();
            CrossedLogins.answered(aliases, "y", "x");
            CrossedLogins.answered(aliases, "x", "y");
            assertThat(CrossedLogins.earlierCrossing(aliases, ofY)).as("once answered").isEmpty();
        }
        CrossedLogins.expect(aliases, new IdentityRecords.StitchRequest("y", "x", "l-x", T0, null, true), now);
        assertThat(CrossedLogins.earlierCrossing(aliases, new IdentityRecords.StitchRequest("x", "y", "l-y", T0 + 1,
                null, false))).as("a site key's login is refused over there: it stops nothing").isEmpty();

        var ofQ = new IdentityRecords.StitchRequest("p", "q", "l-q", T0 + 5, null, false);
        for (long at : new long[] {T0 + 10, T0, T0 + 20}) {
            CrossedLogins.expect(aliases, new IdentityRecords.StitchRequest("q", "p", "l-p" + (at - T0), at, null, false),
                    now);
        }
        assertThat(CrossedLogins.earlierCrossing(aliases, ofQ)).as("a login repeated keeps the earliest")
                .hasValueSatisfying(reason -> assertThat(reason).contains("while login l-p0 of 'p'"));
        assertThat(CrossedLogins.sweep(aliases, null, now + CrossedLogins.KEPT.toMillis() - 1)).isNull();
        assertThat(CrossedLogins.earlierCrossing(aliases, ofQ)).as("swept only once old").isPresent();
        CrossedLogins.forget(aliases, "p");
        assertThat(CrossedLogins.earlierCrossing(aliases, ofQ)).as("erased with its customer").isEmpty();
        CrossedLogins.expect(aliases, new IdentityRecords.StitchRequest("q", "p", "l-p", T0, null, false), now);
        CrossedLogins.sweep(aliases, null, now + CrossedLogins.KEPT.toMillis() + 1);
        assertThat(CrossedLogins.earlierCrossing(aliases, ofQ)).as("swept").isEmpty();
    }

    @Test
    void shouldForgetALoginsNoteOnceItsHandOverCameBack() {
        TestDrivers.login(clickstream, "l1", "a", "b", T0);

        assertThat(CrossedLogins.earlierCrossing(aliases, new IdentityRecords.StitchRequest("a", "b", "l2", T0 + 1,
                null, false))).isEmpty();
    }
}
