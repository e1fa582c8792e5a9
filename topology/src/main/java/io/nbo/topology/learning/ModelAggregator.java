package io.nbo.topology.learning;

import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.topology.HotKeyStore;
import io.nbo.topology.InternalRecords;
import io.nbo.topology.SnapshotPublisher;
import io.nbo.topology.StateSerdes;
import io.nbo.topology.TopologyConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Owns each offer's learned model: folds evidence in (with forgetting) and publishes the new model to the
 * compacted {@code model-snapshots} topic (at most every 100 ms per offer), which every instance reads as a
 * global table.
 */
public final class ModelAggregator implements Processor<String, byte[], String, byte[]> {
    public static final String NAME = "model-aggregator";
    public static final String STORE = "offer-models";
    public static final String SNAPSHOT_SINK = "model-snapshot-sink";

    private final long halfLifeMillis;
    private ProcessorContext<String, byte[]> context;
    private SnapshotPublisher<OfferModel> snapshots;
    private HotKeyStore<OfferModel> models;

    public ModelAggregator(TopologyConfig config) {
        this.halfLifeMillis = config.forgettingHalfLife().toMillis();
    }

    public static StoreBuilder<KeyValueStore<String, OfferModel>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                StateSerdes.OFFER_MODEL_STORED)
                // Every decision updates a few of these hot keys: the cache writes each key's latest value to the
                // changelog once per commit instead of once per update.
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.snapshots = new SnapshotPublisher<>(StateSerdes.OFFER_MODEL::toBytes, SNAPSHOT_SINK);
        KeyValueStore<String, OfferModel> store = context.getStateStore(STORE);
        this.models = new HotKeyStore<>(store);
        snapshots.init(context, store, models::get);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        LearningUpdate update = InternalRecords.read(StateSerdes.LEARNING_UPDATE, record, NAME,
                u -> u.offerId() != null && u.segment() != null && u.trials() >= 0 && u.successes() >= 0);
        if (update == null) {
            return;
        }
        OfferModel current = models.get(update.offerId());
        OfferModel next = (current == null ? OfferModel.empty(update.offerId()) : current).with(update, halfLifeMillis);
        models.put(update.offerId(), next);
        snapshots.changed(update.offerId());
    }
}
