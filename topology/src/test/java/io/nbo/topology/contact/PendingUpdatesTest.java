package io.nbo.topology.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.topology.StateSerdes;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingUpdatesTest {
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pending"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<String, byte[]>().getStateStoreContext(), store);
    }

    private PendingUpdates<LearningUpdate> learning() {
        return new PendingUpdates<>(store, "learning\n", StateSerdes.LEARNING_UPDATE, LearningUpdate::plus);
    }

    private static List<LearningUpdate> drain(PendingUpdates<LearningUpdate> pending) {
        List<LearningUpdate> out = new ArrayList<>();
        pending.drain(LearningUpdate::at, out::add);
        return out;
    }

    @Test
    void shouldSumUpdatesWithOneKeyAndKeepOthersApart() {
        PendingUpdates<LearningUpdate> pending = learning();
        for (LearningUpdate update : List.of(new LearningUpdate("o1", "web", 1, 0, 1_000),
                new LearningUpdate("o1", "web", 1, 1, 1_500), new LearningUpdate("o1", "app", 1, 0, 1_200),
                new LearningUpdate("o1", "web", 1, 0, 2_000))) {
            pending.add(update.summingKey(), update);
        }

        assertThat(drain(pending)).as("summed per key, sent oldest first")
                .containsExactly(new LearningUpdate("o1", "app", 1, 0, 1_200),
                        new LearningUpdate("o1", "web", 2, 1, 1_500), new LearningUpdate("o1", "web", 1, 0, 2_000));
        assertThat(drain(pending)).as("drained sums are gone").isEmpty();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void shouldSendAfterARestartWhatWasSummedBeforeIt() {
        LearningUpdate update = new LearningUpdate("o1", "web", 3, 1, 1_000);
        learning().add(update.summingKey(), update);
        store.put("campaign\nother", new byte[]{1});

        PendingUpdates<LearningUpdate> revived = learning();
        revived.add(update.summingKey(), update);

        assertThat(drain(revived)).as("the revived processor reads its own kind of sum from the store")
                .containsExactly(new LearningUpdate("o1", "web", 6, 2, 1_000));
        assertThat(store.get("campaign\nother")).as("other kinds are left alone").isNotNull();
    }
}
