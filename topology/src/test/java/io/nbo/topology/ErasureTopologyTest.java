package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.erasure.ErasureProcessor;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
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

    @Test
    void shouldForgetTheCustomerAndTheirStitchedVisitorEverywhere() {
        click("anon-9", """
                {"type":"page_view","eventId":"a1","anonymousId":"anon-9","timestamp":%d,"channel":"web"}"""
                .formatted(T0));
        click("c-9", """
                {"type":"login","eventId":"l1","customerId":"c-9","anonymousId":"anon-9","timestamp":%d,"channel":"web"}"""
                .formatted(T0 + 1));
        KeyValueStore<String, CustomerProfile> profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);
        KeyValueStore<String, ContactHistory> histories = driver.getKeyValueStore(ContactProcessor.STORE);
        KeyValueStore<String, Long> seen = driver.getKeyValueStore(ProfileProcessor.SEEN_EVENTS_STORE);
        KeyValueStore<String, String> aliases = driver.getKeyValueStore(StitchProcessor.ALIAS_STORE);
        assertThat(profiles.get("c-9").stitchedIds()).containsExactly("anon-9");
        assertThat(aliases.get("anon-9")).isEqualTo("c-9");

        driver.createInputTopic(Topics.ERASURES.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("c-9", ErasureProcessor.request(T0 + 2));

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
}
