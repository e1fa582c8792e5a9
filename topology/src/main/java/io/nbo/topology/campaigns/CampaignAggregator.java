package io.nbo.topology.campaigns;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.topology.HotKeyStore;
import io.nbo.topology.InternalRecords;
import io.nbo.topology.SnapshotPublisher;
import io.nbo.topology.StateSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Owns each campaign's treatment and control totals and publishes them to the compacted
 * {@code campaign-stats} topic, read by every instance for volume caps, inventory and the stats route.
 */
public final class CampaignAggregator implements Processor<String, byte[], String, byte[]> {
    public static final String NAME = "campaign-aggregator";
    public static final String STORE = "campaign-totals";
    public static final String STATS_SINK = "campaign-stats-sink";

    private ProcessorContext<String, byte[]> context;
    private SnapshotPublisher<CampaignStats> snapshots;
    private HotKeyStore<CampaignStats> totals;

    public static StoreBuilder<KeyValueStore<String, CampaignStats>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                StateSerdes.CAMPAIGN_STATS_STORED)
                // Every decision updates a few of these hot keys: the cache writes each key's latest value to the
                // changelog once per commit instead of once per update.
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.snapshots = new SnapshotPublisher<>(StateSerdes.CAMPAIGN_STATS::toBytes, STATS_SINK);
        KeyValueStore<String, CampaignStats> store = context.getStateStore(STORE);
        this.totals = new HotKeyStore<>(store);
        snapshots.init(context, store, totals::get);
    }

    /**
     * Presentations and responses only grow; customers shrink one at a time (a login's correction), conversions and
     * revenue also with refunds (summed, several at once). An update that shrinks anything else comes from no part
     * of this service.
     */
    private static boolean plausible(CampaignUpdate u) {
        return u.campaignId() != null && u.presentations() >= 0 && u.clicks() >= 0 && u.accepts() >= 0
                && u.declines() >= 0 && u.newCustomers() >= -1 && Double.isFinite(u.revenue())
                && Double.isFinite(u.revenueSquaresDelta());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CampaignUpdate update = InternalRecords.read(StateSerdes.CAMPAIGN_UPDATE, record, NAME,
                CampaignAggregator::plausible);
        if (update == null) {
            return;
        }
        // Live windows follow the time updates arrive: a client clock running ahead must not push real minutes out.
        update = update.at(Math.min(update.at(), context.currentSystemTimeMs()));
        CampaignStats current = totals.get(update.campaignId());
        CampaignStats next = (current == null ? CampaignStats.empty(update.campaignId()) : current).with(update);
        totals.put(update.campaignId(), next);
        snapshots.changed(update.campaignId());
    }
}
