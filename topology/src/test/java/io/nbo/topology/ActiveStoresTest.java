package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class ActiveStoresTest {
    private static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    @Test
    void shouldTellWhichCatalogueWriteCreatedItsId() throws Exception {
        ActiveStores running = new ActiveStores();
        TopologyTestDriver driver = TestDrivers.start("created-test", running);
        try {
            var offers = driver.createInputTopic(Topics.OFFERS.name(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            String offer = """
                    {"offerId":"o1","campaignId":"k1","name":"%s","channels":["web"],"value":1,"priority":1}""";
            offers.pipeInput("o1", offer.formatted("first").getBytes(StandardCharsets.UTF_8));
            offers.pipeInput("o1", offer.formatted("second").getBytes(StandardCharsets.UTF_8));

            assertThat(running.globalRecordCreated(Topics.OFFERS.name(), 0, 0)).isTrue();
            assertThat(running.globalRecordCreated(Topics.OFFERS.name(), 0, 1)).as("replaced it").isFalse();
        } finally {
            driver.close();
        }
    }

    @Test
    void shouldPublishTheStoresOfARunningTaskUntilItsProcessorsClose() throws Exception {
        ActiveStores running = new ActiveStores();
        TopologyTestDriver driver = TestDrivers.start("active-stores-test", running);
        try {
            driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer()).pipeInput("c-1", """
                    {"type":"page_view","eventId":"p1","customerId":"c-1","timestamp":%d,"channel":"web"}"""
                    .formatted(T0).getBytes(StandardCharsets.UTF_8));
            KeyValueStore<String, CustomerProfile> profiles = driver.getKeyValueStore(ProfileProcessor.PROFILE_STORE);

            CustomerProfile published = running.<CustomerProfile>running(ProfileProcessor.PROFILE_STORE, 0).get("c-1");

            assertThat(published).isNotNull().isEqualTo(profiles.get("c-1"));
            assertThat(running.<Object>running(ContactProcessor.STORE, 0)).isNotNull();
            assertThat(running.<String>running(StitchProcessor.ALIAS_STORE, 0).get("c-1")).isNull();
            assertThat(running.<Object>running(ProfileProcessor.PROFILE_STORE, 1)).as("no task of partition 1").isNull();
        } finally {
            driver.close();
        }
        for (String store : new String[]{ProfileProcessor.PROFILE_STORE, ContactProcessor.STORE,
                StitchProcessor.ALIAS_STORE}) {
            assertThat(running.<Object>running(store, 0)).as(store + " after its task closed").isNull();
        }
    }

    /** A task of the same partition can start before the one it replaces has closed (a revived task, say). */
    @Test
    void shouldWithdrawOnlyWhatATaskPublishedItself() {
        ActiveStores running = new ActiveStores();
        MockProcessorContext<Object, Object> older = contextWithStore(3);
        MockProcessorContext<Object, Object> newer = contextWithStore(3);

        ActiveStores.Publication olderPublication = running.publish(older, "profiles");
        ActiveStores.Publication newerPublication = running.publish(newer, "profiles");
        KeyValueStore<String, String> newerStore = newer.getStateStore("profiles");
        olderPublication.withdraw();

        assertThat(running.<String>running("profiles", 3)).isSameAs(newerStore);
        running.discard("profiles", 3, older.getStateStore("profiles"));
        assertThat(running.<String>running("profiles", 3)).as("another handle discarded").isSameAs(newerStore);
        newerPublication.withdraw();
        assertThat(running.<String>running("profiles", 3)).isNull();
    }

    /** A reader that finds a published store closed discards it, so later reads ask Kafka Streams instead. */
    @Test
    void shouldDiscardAStoreAReaderFoundClosed() {
        ActiveStores running = new ActiveStores();
        MockProcessorContext<Object, Object> context = contextWithStore(0);
        running.publish(context, "profiles");
        org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, String> published = running.running("profiles", 0);

        running.discard("profiles", 0, published);

        assertThat(running.<String>running("profiles", 0)).isNull();
    }

    private static MockProcessorContext<Object, Object> contextWithStore(int partition) {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(new java.util.Properties(),
                new TaskId(0, partition), null);
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("profiles"),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return context;
    }
}
