package io.nbo.topology;

import io.nbo.schemas.topics.Topic;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.campaigns.CampaignAggregator;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.contact.DecisionDecoder;
import io.nbo.topology.deadletter.DeadLetters;
import io.nbo.topology.erasure.ErasureProcessor;
import io.nbo.topology.identity.MergeProcessor;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.learning.ModelAggregator;
import io.nbo.topology.offers.GlobalTableProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;

/**
 * The whole streaming side as one pure function of its configuration.
 * <pre>
 * event topics ─► profile-updater ─► customer-profiles          (unreadable ─► dead-letter)
 *                       │ responses, purchases
 * decisions ──► decision-decoder ─► contact-tracker ─► contact-history
 *                                        ├─► decision-log (customer replaced by a pseudonym)
 *                                        ├─► model-updates ─► model-aggregator ─► model-snapshots
 *                                        └─► campaign-updates ─► campaign-aggregator ─► campaign-stats
 *                                            (both summed per key in pending-learning, sent every 100 ms)
 * login(customer, anonymous) ─► identity-stitches ─► identity-stitcher (anonymous partition: alias, hand-over)
 *                                 ─► identity-merges ─► identity-merger (customer partition: merge;
 *                                      a campaign that met both ids counts them as one ─► campaign-updates)
 * later anonymous events ─► rerouted-events (keyed by customer) ─► profile-updater
 * erasure-requests ─► eraser (tombstones, pseudonym link deleted; forwarded to each stitched anonymous id;
 *                     a request on another partition goes on to its id's; one keyed by no id ─► dead-letter)
 * offers, campaigns, model-snapshots, campaign-stats ─► global stores on every instance
 * </pre>
 */
public final class OfferTopology {
    private static final Deserializer<String> KEYS_IN = Serdes.String().deserializer();
    private static final Deserializer<byte[]> BYTES_IN = Serdes.ByteArray().deserializer();
    private static final Serializer<String> KEYS_OUT = Serdes.String().serializer();
    private static final Serializer<byte[]> BYTES_OUT = Serdes.ByteArray().serializer();

    private OfferTopology() {
    }

    /** The topology for tests and tools that do not read its stores from other threads. */
    public static Topology build(TopologyConfig config) {
        return build(config, new ActiveStores());
    }

    /** @param running where the profile, contact-history and alias stores of running tasks are published */
    public static Topology build(TopologyConfig config, ActiveStores running) {
        Topology topology = new Topology();
        String[] eventTopics = java.util.stream.Stream.concat(Topics.eventTopics().stream(),
                java.util.stream.Stream.of(Topics.REROUTED_EVENTS)).map(Topic::name).toArray(String[]::new);
        topology.addSource("event-source", KEYS_IN, BYTES_IN, eventTopics);
        topology.addProcessor(ProfileProcessor.NAME, () -> new ProfileProcessor(config, running), "event-source");
        topology.addStateStore(ProfileProcessor.seenEventStore(), ProfileProcessor.NAME);
        topology.addSink(ProfileProcessor.REROUTE_SINK, Topics.REROUTED_EVENTS.name(), KEYS_OUT, BYTES_OUT,
                ProfileProcessor.NAME);
        topology.addSink(ProfileProcessor.STITCH_SINK, Topics.IDENTITY_STITCHES.name(), KEYS_OUT, BYTES_OUT,
                ProfileProcessor.NAME);

        topology.addSource("decision-source", KEYS_IN, BYTES_IN, Topics.DECISIONS.name());
        topology.addProcessor(DecisionDecoder.NAME, DecisionDecoder::new, "decision-source");

        topology.addProcessor(ContactProcessor.NAME, () -> new ContactProcessor(config, running), ProfileProcessor.NAME,
                DecisionDecoder.NAME);

        topology.addSource("identity-stitch-source", KEYS_IN, BYTES_IN, Topics.IDENTITY_STITCHES.name());
        topology.addProcessor(StitchProcessor.NAME, StitchProcessor::new, "identity-stitch-source");
        topology.addSink(StitchProcessor.MERGE_SINK, Topics.IDENTITY_MERGES.name(), KEYS_OUT, BYTES_OUT,
                StitchProcessor.NAME);
        topology.addSink(StitchProcessor.RESTITCH_SINK, Topics.IDENTITY_STITCHES.name(), KEYS_OUT, BYTES_OUT,
                StitchProcessor.NAME);
        topology.addSource("identity-merge-source", KEYS_IN, BYTES_IN, Topics.IDENTITY_MERGES.name());
        topology.addProcessor(MergeProcessor.NAME, () -> new MergeProcessor(config, running), "identity-merge-source");
        topology.addSink(MergeProcessor.CAMPAIGN_CORRECTIONS_SINK, Topics.CAMPAIGN_UPDATES.name(), KEYS_OUT, BYTES_OUT,
                MergeProcessor.NAME);
        topology.addSink(MergeProcessor.ERASURE_SINK, Topics.ERASURES.name(), KEYS_OUT, BYTES_OUT, MergeProcessor.NAME);
        topology.addSource("erasure-source", KEYS_IN, BYTES_IN, Topics.ERASURES.name());
        topology.addProcessor(ErasureProcessor.NAME, () -> new ErasureProcessor(running, config.subjectPartitions()),
                "erasure-source");
        topology.connectProcessorAndStateStores(ErasureProcessor.NAME, ProfileProcessor.SEEN_EVENTS_STORE);
        topology.connectProcessorAndStateStores(StitchProcessor.NAME, ProfileProcessor.SEEN_EVENTS_STORE);
        topology.connectProcessorAndStateStores(MergeProcessor.NAME, ProfileProcessor.SEEN_EVENTS_STORE);
        topology.addSink(ErasureProcessor.FORWARD_SINK, Topics.ERASURES.name(), KEYS_OUT, BYTES_OUT,
                ErasureProcessor.NAME);
        topology.addSink(DeadLetters.SINK, Topics.DEAD_LETTER.name(), KEYS_OUT, BYTES_OUT, ProfileProcessor.NAME,
                DecisionDecoder.NAME, ErasureProcessor.NAME, StitchProcessor.NAME, MergeProcessor.NAME);
        // Profiles and contact histories are shared by the updaters, the identity hand-over and erasure, so
        // all the topics feeding them are co-partitioned by subject.
        topology.addStateStore(ProfileProcessor.profileStore(), ProfileProcessor.NAME, StitchProcessor.NAME,
                MergeProcessor.NAME, ErasureProcessor.NAME);
        topology.addStateStore(ContactProcessor.store(), ContactProcessor.NAME, StitchProcessor.NAME,
                MergeProcessor.NAME, ErasureProcessor.NAME);
        topology.addStateStore(StitchProcessor.aliasStore(), StitchProcessor.NAME, ProfileProcessor.NAME,
                ErasureProcessor.NAME, ContactProcessor.NAME, MergeProcessor.NAME);
        topology.addStateStore(ContactProcessor.pseudonymStore(), ContactProcessor.NAME, ErasureProcessor.NAME);
        topology.addStateStore(ContactProcessor.pendingStore(), ContactProcessor.NAME);
        topology.addSink(ContactProcessor.DECISION_LOG_SINK, Topics.DECISION_LOG.name(), KEYS_OUT, BYTES_OUT,
                ContactProcessor.NAME);
        topology.addSink(ContactProcessor.DECISION_REROUTE_SINK, Topics.DECISIONS.name(), KEYS_OUT, BYTES_OUT,
                ContactProcessor.NAME);
        topology.addSink(ContactProcessor.MODEL_UPDATES_SINK, Topics.MODEL_UPDATES.name(), KEYS_OUT, BYTES_OUT,
                ContactProcessor.NAME);
        topology.addSink(ContactProcessor.CAMPAIGN_UPDATES_SINK, Topics.CAMPAIGN_UPDATES.name(), KEYS_OUT, BYTES_OUT,
                ContactProcessor.NAME);

        topology.addSource("model-update-source", KEYS_IN, BYTES_IN, Topics.MODEL_UPDATES.name());
        topology.addProcessor(ModelAggregator.NAME, () -> new ModelAggregator(config), "model-update-source");
        topology.addStateStore(ModelAggregator.store(), ModelAggregator.NAME);
        topology.addSink(ModelAggregator.SNAPSHOT_SINK, Topics.MODEL_SNAPSHOTS.name(), KEYS_OUT, BYTES_OUT,
                ModelAggregator.NAME);

        topology.addSource("campaign-update-source", KEYS_IN, BYTES_IN, Topics.CAMPAIGN_UPDATES.name());
        topology.addProcessor(CampaignAggregator.NAME, CampaignAggregator::new, "campaign-update-source");
        topology.addStateStore(CampaignAggregator.store(), CampaignAggregator.NAME);
        topology.addSink(CampaignAggregator.STATS_SINK, Topics.CAMPAIGN_STATS.name(), KEYS_OUT, BYTES_OUT,
                CampaignAggregator.NAME);

        addGlobal(topology, GlobalTableProcessor.OFFERS, Topics.OFFERS.name(), running);
        addGlobal(topology, GlobalTableProcessor.CAMPAIGNS, Topics.CAMPAIGNS.name(), running);
        addGlobal(topology, GlobalTableProcessor.MODELS, Topics.MODEL_SNAPSHOTS.name(), running);
        addGlobal(topology, GlobalTableProcessor.CAMPAIGN_STATS, Topics.CAMPAIGN_STATS.name(), running);
        return topology;
    }

    private static <T> void addGlobal(Topology topology, GlobalTableProcessor.Table<T> table, String topic,
                                      ActiveStores running) {
        topology.addGlobalStore(table.storeBuilder(), table.store() + "-source", KEYS_IN, BYTES_IN, topic,
                table.store() + "-updater", table.processor(running));
    }
}
