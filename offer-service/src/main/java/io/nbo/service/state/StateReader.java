package io.nbo.service.state;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.offers.GlobalTableProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Reads this instance's Kafka Streams stores (interactive queries): per-customer profiles and contact
 * histories, and the global tables every instance holds (offers, campaigns, learned models, campaign totals).
 * Partitions of running tasks are read from the stores their processors publish ({@link ActiveStores}), others
 * through handles looked up once that stay valid across rebalances; a read during one fails with
 * {@link StateUnavailableException} rather than returning partial data.
 */
public final class StateReader {
    private final KafkaStreams streams;
    private final LocalCopies copies;
    private final StoreHandle<CustomerProfile> profiles;
    private final StoreHandle<ContactHistory> histories;
    private final StoreHandle<Offer> offers;
    private final StoreHandle<Campaign> campaigns;
    private final StoreHandle<OfferModel> models;
    private final StoreHandle<CampaignStats> campaignStats;
    private final StoreHandle<String> aliases;

    /**
     * @param maxCopyLag how many records a standby or restoring copy may be behind its changelog and still
     *                   answer; further behind, reads fail with {@link StateUnavailableException} (a 503)
     * @param subjectPartitions partitions of the topics keyed by customer (all co-partitioned)
     */
    public StateReader(KafkaStreams streams, ActiveStores running, CopyLag lags, long maxCopyLag,
                       int subjectPartitions) {
        this.streams = streams;
        this.copies = new LocalCopies(streams, running, lags, maxCopyLag, subjectPartitions);
        this.cachedOffers = new VersionedCache<>(this::offers, () -> running.globalVersion(Topics.OFFERS.name()));
        this.profiles = new StoreHandle<>(streams, ProfileProcessor.PROFILE_STORE, copies);
        this.histories = new StoreHandle<>(streams, ContactProcessor.STORE, copies);
        this.offers = new StoreHandle<>(streams, GlobalTableProcessor.OFFER_STORE, null);
        this.campaigns = new StoreHandle<>(streams, GlobalTableProcessor.CAMPAIGN_STORE, null);
        this.models = new StoreHandle<>(streams, GlobalTableProcessor.MODEL_STORE, null);
        this.campaignStats = new StoreHandle<>(streams, GlobalTableProcessor.CAMPAIGN_STATS_STORE, null);
        this.aliases = new StoreHandle<>(streams, StitchProcessor.ALIAS_STORE, copies);
    }

    /** Partitions of the topics keyed by customer. */
    public int subjectPartitions() {
        return copies.partitions();
    }

    /** The partition the producers' default partitioner, and so Kafka Streams, put {@code key} in. */
    static int partitionOf(String key, int partitions) {
        return Topics.partitionOf(key, partitions);
    }

    /**
     * The global tables as decisions read them: parsed once and reused for {@link #DECISION_CACHE_MILLIS},
     * since every decision reads every offer and its campaign and model; offers and campaigns are read afresh
     * as soon as this instance's copy has applied a change, so a catalogue write is live here the moment it
     * is applied, whichever instance took it. Routes that must show a write at once (catalogue writes, stats)
     * read the stores directly.
     */
    public static final long DECISION_CACHE_MILLIS = 100;
    private final VersionedCache<List<Offer>> cachedOffers;
    private final Map<String, VersionedCache<Optional<Campaign>>> cachedCampaigns = new ConcurrentHashMap<>();
    private final Map<String, VersionedCache<Optional<OfferModel>>> cachedModels = new ConcurrentHashMap<>();
    private final Map<String, VersionedCache<Optional<CampaignStats>>> cachedStats = new ConcurrentHashMap<>();

    /** Makes the next decision read offers and campaigns afresh (after a catalogue write through this instance). */
    public void forgetCachedTables() {
        cachedOffers.forget();
        cachedCampaigns.clear();
    }

    public List<Offer> offersForDecisions() {
        return cachedOffers.get();
    }

    public Optional<Campaign> campaignForDecisions(String campaignId) {
        return cachedCampaigns.computeIfAbsent(campaignId, id -> new VersionedCache<>(() -> campaign(id),
                () -> copies.running().globalVersion(Topics.CAMPAIGNS.name()))).get();
    }

    public Optional<OfferModel> modelForDecisions(String offerId) {
        return cachedModels.computeIfAbsent(offerId, id -> new VersionedCache<>(() -> model(id), () -> 0)).get();
    }

    public Optional<CampaignStats> campaignStatsForDecisions(String campaignId) {
        return cachedStats.computeIfAbsent(campaignId,
                id -> new VersionedCache<>(() -> campaignStats(id), () -> 0)).get();
    }


    /**
     * Whether this instance's copy of the customer's profile has processed the input up to {@code bound}
     * (read-your-writes); also the position it has reached, for the answer.
     */
    public record Progress(boolean reached, Position position) {
    }

    public Progress progress(String customerId, Position bound) {
        // Polled every few milliseconds while a caller waits: the partition is computed, not looked up. A
        // partition that is not active and running here answers "not yet".
        int partition = copies.partitionOf(customerId);
        Position wanted = ReadPosition.onPartition(bound, partition);
        StateQueryResult<CustomerProfile> result;
        try {
            result = streams.query(StateQueryRequest.inStore(ProfileProcessor.PROFILE_STORE)
                    .withQuery(KeyQuery.<String, CustomerProfile>withKey(customerId))
                    .withPartitions(Set.of(partition))
                    .withPositionBound(wanted.isEmpty() ? PositionBound.unbounded() : PositionBound.at(wanted)));
        } catch (IllegalStateException e) {
            throw new StateUnavailableException("the profile store cannot be read now: " + e.getMessage(), e);
        }
        QueryResult<CustomerProfile> answer = result.getPartitionResults().get(partition);
        if (answer == null) {
            return new Progress(false, Position.emptyPosition());
        }
        Position reached = answer.getPosition() == null ? Position.emptyPosition() : answer.getPosition();
        return new Progress(answer.isSuccess(), ReadPosition.onPartition(reached, partition));
    }

    /**
     * How far the contact tracker has processed partition {@code partition} of the decisions topic: the offset
     * of the last decision written into this instance's active copy of the contact history, or -1 when that
     * copy is not active and running here.
     */
    public long decisionsProcessed(int partition) {
        StateQueryResult<ContactHistory> result;
        try {
            result = streams.query(StateQueryRequest.inStore(ContactProcessor.STORE)
                    .withQuery(KeyQuery.<String, ContactHistory>withKey(""))
                    .withPartitions(Set.of(partition)).requireActive());
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return -1;
        }
        QueryResult<ContactHistory> answer = result.getPartitionResults().get(partition);
        if (answer == null || !answer.isSuccess() || answer.getPosition() == null) {
            return -1;
        }
        Long offset = answer.getPosition().getPartitionPositions(Topics.DECISIONS.name())
                .get(partition);
        return offset == null ? -1 : offset;
    }

    /** The customer an anonymous id was stitched to by a login, or the id itself. */
    public String resolve(String subjectId) {
        return aliases.get(subjectId).orElse(subjectId);
    }

    public Optional<CustomerProfile> profile(String subjectId) {
        return profiles.get(subjectId);
    }

    public ContactHistory contactHistory(String subjectId) {
        return histories.get(subjectId).orElse(ContactHistory.EMPTY);
    }

    /** Whether this instance's global table of {@code topic} has applied that partition's record at {@code offset}. */
    public boolean globalHasApplied(String topic, int partition, long offset) {
        return copies.running().globalHasApplied(topic, partition, offset);
    }

    /** Whether that record, applied here lately, created its key in the global table of {@code topic}. */
    public boolean globalRecordCreated(String topic, int partition, long offset) {
        return copies.running().globalRecordCreated(topic, partition, offset);
    }

    public List<Offer> offers() {
        return offers.all();
    }

    public Optional<Offer> offer(String offerId) {
        return offers.get(offerId);
    }

    public List<Campaign> campaigns() {
        return campaigns.all();
    }

    public Optional<Campaign> campaign(String campaignId) {
        return campaigns.get(campaignId);
    }

    /** Every campaign that is defined or named by an offer: the dashboard's list and the metrics' campaigns. */
    public SortedSet<String> campaignIds() {
        TreeSet<String> ids = new TreeSet<>();
        campaigns().forEach(c -> ids.add(c.campaignId()));
        offers().forEach(o -> ids.add(o.campaignId()));
        return ids;
    }

    public Optional<OfferModel> model(String offerId) {
        return models.get(offerId);
    }

    public Optional<CampaignStats> campaignStats(String campaignId) {
        return campaignStats.get(campaignId);
    }

}
