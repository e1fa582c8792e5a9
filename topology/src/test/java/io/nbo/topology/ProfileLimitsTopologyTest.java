package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileLimits;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.profile.ProfileProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stream of updates under ever new names cannot grow one profile past what its changelog takes. */
class ProfileLimitsTopologyTest {
    private static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> updates;
    private TestOutputTopic<String, byte[]> deadLetters;
    private KeyValueStore<String, CustomerProfile> profiles;
    private long clock = T0;

    @BeforeEach
    void start() throws Exception {
        driver = TestDrivers.start("profile-limits-test");
        updates = driver.createInputTopic(Topics.CUSTOMER_UPDATES.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        deadLetters = TestDrivers.deadLetters(driver);
        profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldDeadLetterAnUpdateBeyondTheAttributesAProfileKeepsAndApplyItOnceThereIsRoom() {
        for (int batch = 0; batch < ProfileLimits.MAX_ATTRIBUTES / 50; batch++) {
            update("fill-" + batch, attributes(batch * 50, 50, "\"x\""));
        }
        update("one-more", attributes(1000, 1, "\"x\""));

        assertThat(profiles.get("c1").attributes()).hasSize(ProfileLimits.MAX_ATTRIBUTES);
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.headers().lastHeader(Topics.HEADER_REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("the customer would hold 201 attributes, more than the 200 a profile keeps: remove some"
                        + " (set them to null) before adding others");

        update("room", attributes(0, 1, "null"));
        update("one-more", attributes(1000, 1, "\"x\""));
        assertThat(profiles.get("c1").attributes()).as("sent again with room, it is applied")
                .hasSize(ProfileLimits.MAX_ATTRIBUTES).containsKey("a1000").doesNotContainKey("a0");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldForgetTheOldestRemovalsBeyondWhatAProfileKeeps() {
        for (int round = 0; round < 10; round++) {
            update("set-" + round, attributes(round * 50, 50, "\"x\""));
            update("unset-" + round, attributes(round * 50, 50, "null"));
        }

        CustomerProfile profile = profiles.get("c1");
        assertThat(profile.attributes()).isEmpty();
        assertThat(profile.changedAt().keySet().stream().filter(key -> key.startsWith("attribute:")))
                .hasSize(ProfileLimits.MAX_REMOVAL_MARKS).contains("attribute:a499", "attribute:a300").doesNotContain("attribute:a299", "attribute:a0");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldLetGoOfAVisitorIdBeyondTheStitchedIdsAProfileKeeps() {
        TestInputTopic<String, byte[]> clickstream = driver.createInputTopic(Topics.CLICKSTREAM.name(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        KeyValueStore<String, String> aliases = driver.getKeyValueStore(
                io.nbo.topology.identity.StitchProcessor.ALIAS_STORE);
        for (int i = 0; i <= ProfileLimits.MAX_STITCHED_IDS; i++) {
            clickstream.pipeInput("c1", """
                    {"type":"login","eventId":"l%d","customerId":"c1","anonymousId":"v%d","timestamp":%d,
                     "channel":"web"}""".formatted(i, i, T0 + i).getBytes(StandardCharsets.UTF_8));
        }

        assertThat(profiles.get("c1").stitchedIds()).hasSize(ProfileLimits.MAX_STITCHED_IDS).doesNotContain("v1000");
        assertThat(aliases.get("v999")).isEqualTo("c1");
        assertThat(aliases.get("v1000")).as("let go, not left leading to a customer that does not list it").isNull();
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.headers().lastHeader(Topics.HEADER_REASON).value(), StandardCharsets.UTF_8))
                .startsWith("customer 'c1' already lists 1000 visitor ids stitched to it, the most a profile keeps");
    }

    private void update(String eventId, String attributes) {
        // Each a second after the one before: a removal is newer than the setting it removes.
        clock += 1000;
        long at = clock;
        updates.pipeInput("c1", """
                {"type":"attribute_update","eventId":"%s","customerId":"c1","timestamp":%d,"attributes":{%s}}"""
                .formatted(eventId, at, attributes).getBytes(StandardCharsets.UTF_8));
    }

    private static String attributes(int first, int count, String value) {
        return IntStream.range(first, first + count).mapToObj(i -> "\"a" + i + "\":" + value)
                .collect(Collectors.joining(","));
    }
}
