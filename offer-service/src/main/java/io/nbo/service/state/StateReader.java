package io.nbo.service.state;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.offers.GlobalTableProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's Kafka Streams stores (interactive queries): per-customer profiles and contact
 * histories, and the global tables every instance holds (offers, campaigns, learned models, campaign totals).
 * Partitions of running tasks are read from the stores their processors publish ({@link ActiveStores}), others
 * through handles looked up once that stay valid across rebalances; a read during one fails with
 * {@link StateUnavailableException} rather than returning partial data.
 */
public final class StateReader {
    private final KafkaStreams streams;
    private final Copies copies;
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
        this.copies = new Copies(streams, running, lags, maxCopyLag, subjectPartitions);
        this.cachedOffers = new Cached<>(this::offers,
                () -> running.globalVersion(io.nbo.schemas.topics.Topics.OFFERS.name()));
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

    /** Where a partitioned store's key lives, and whether this instance's copy of it is fresh enough to read. */
    private record Copies(KafkaStreams streams, ActiveStores running, CopyLag lags, long maxLag, int partitions) {
        private static final org.apache.kafka.common.serialization.Serializer<String> KEYS =
                org.apache.kafka.common.serialization.Serdes.String().serializer();

        /**
         * The key's partition, as the producers' default partitioner and Kafka Streams place it. Computed here
         * because asking Streams for the full metadata (owner, standbys) is synchronised and costs more than
         * the read itself; the metadata is looked up only when the local copy cannot answer.
         */
        int partitionOf(String key) {
            return StateReader.partitionOf(key, partitions);
        }

        KeyQueryMetadata locate(String store, String key) {
            try {
                return streams.queryMetadataForKey(store, key, KEYS);
            } catch (IllegalStateException e) {
                // Streams is not running (starting, stopping, failed): nothing can be located or read now.
                throw new StateUnavailableException(store + " cannot be located now: " + e.getMessage(), e);
            }
        }

        void requireFresh(String store, KeyQueryMetadata metadata) {
            if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                throw new StateUnavailableException("no instance owns this key of " + store
                        + " right now (rebalancing)", null);
            }
            long lag = lags.of(store, metadata.partition());
            if (lag < 0) {
                throw new StateUnavailableException("this instance holds no ready copy of " + store + " partition "
                        + metadata.partition() + " yet", null);
            }
            if (lag > maxLag) {
                throw new StateUnavailableException("this instance's copy of " + store + " partition "
                        + metadata.partition() + " is " + lag + " records behind (more than " + maxLag
                        + "); it is still being restored", null);
            }
        }
    }

    /** The partition the producers' default partitioner, and so Kafka Streams, put {@code key} in. */
    static int partitionOf(String key, int partitions) {
        return io.nbo.schemas.topics.Topics.partitionOf(key, partitions);
    }

    /**
     * The global tables as decisions read them: parsed once and reused for {@link #DECISION_CACHE_MILLIS},
     * since every decision reads every offer and its campaign and model; offers and campaigns are read afresh
     * as soon as this instance's copy has applied a change, so a catalogue write is live here the moment it
     * is applied, whichever instance took it. Routes that must show a write at once (catalogue writes, stats)
     * read the stores directly.
     */
    public static final long DECISION_CACHE_MILLIS = 100;
    private final Cached<List<Offer>> cachedOffers;
    private final java.util.Map<String, Cached<Optional<Campaign>>> cachedCampaigns =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Cached<Optional<OfferModel>>> cachedModels =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Cached<Optional<CampaignStats>>> cachedStats =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Makes the next decision read offers and campaigns afresh (after a catalogue write through this instance). */
    public void forgetCachedTables() {
        cachedOffers.forget();
        cachedCampaigns.clear();
    }

    public List<Offer> offersForDecisions() {
        return cachedOffers.get();
    }

    public Optional<Campaign> campaignForDecisions(String campaignId) {
        return cachedCampaigns.computeIfAbsent(campaignId, id -> new Cached<>(() -> campaign(id),
                () -> copies.running().globalVersion(io.nbo.schemas.topics.Topics.CAMPAIGNS.name()))).get();
    }

    public Optional<OfferModel> modelForDecisions(String offerId) {
        return cachedModels.computeIfAbsent(offerId, id -> new Cached<>(() -> model(id), () -> 0)).get();
    }

    public Optional<CampaignStats> campaignStatsForDecisions(String campaignId) {
        return cachedStats.computeIfAbsent(campaignId, id -> new Cached<>(() -> campaignStats(id), () -> 0)).get();
    }

    /**
     * A value reloaded when older than {@link #DECISION_CACHE_MILLIS} or when its source's version moved;
     * concurrent readers may both reload.
     */
    private static final class Cached<T> {
        private final java.util.function.Supplier<T> loader;
        private final java.util.function.LongSupplier version;
        private volatile T value;
        private volatile long loadedAt;
        private volatile long loadedVersion;

        Cached(java.util.function.Supplier<T> loader, java.util.function.LongSupplier version) {
            this.loader = loader;
            this.version = version;
        }

        void forget() {
            value = null;
        }

        T get() {
            long now = System.currentTimeMillis();
            long sourceVersion = version.getAsLong();
            T current = value;
            if (current == null || now - loadedAt > DECISION_CACHE_MILLIS || sourceVersion != loadedVersion) {
                // The version is read before the load: a change applied meanwhile makes the next read reload too.
                current = loader.get();
                value = current;
                loadedAt = now;
                loadedVersion = sourceVersion;
            }
            return current;
        }
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
        StateQueryResult<CustomerProfile> result = streams.query(StateQueryRequest.inStore(ProfileProcessor.PROFILE_STORE)
                .withQuery(KeyQuery.<String, CustomerProfile>withKey(customerId))
                .withPartitions(java.util.Set.of(partition))
                .withPositionBound(wanted.isEmpty() ? PositionBound.unbounded() : PositionBound.at(wanted)));
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
                    .withPartitions(java.util.Set.of(partition)).requireActive());
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return -1;
        }
        QueryResult<ContactHistory> answer = result.getPartitionResults().get(partition);
        if (answer == null || !answer.isSuccess() || answer.getPosition() == null) {
            return -1;
        }
        Long offset = answer.getPosition().getPartitionPositions(io.nbo.schemas.topics.Topics.DECISIONS.name())
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
    public java.util.SortedSet<String> campaignIds() {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
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

    /** A lazily looked-up store handle that turns store unavailability into {@link StateUnavailableException}. */
    private static final class StoreHandle<T> {
        private final KafkaStreams streams;
        private final String name;
        /** Null for global stores, which every instance holds whole. */
        private final Copies copies;
        private volatile ReadOnlyKeyValueStore<String, T> store;
        /**
         * Handles pinned to one partition, for partitions whose running task has not published its stores
         * ({@link ActiveStores}); each read finds that partition's current task and store.
         */
        private final java.util.Map<Integer, ReadOnlyKeyValueStore<String, T>> byPartition =
                new java.util.concurrent.ConcurrentHashMap<>();

        StoreHandle(KafkaStreams streams, String name, Copies copies) {
            this.streams = streams;
            this.name = name;
            this.copies = copies;
        }

        Optional<T> get(String key) {
            if (copies == null) {
                try {
                    return Optional.ofNullable(store().get(key));
                } catch (InvalidStateStoreException e) {
                    throw unavailable(e);
                }
            }
            // Read only the key's own partition: a store handle spanning every local partition would ask each
            // of them in turn, and a key that is absent (most alias lookups) would cost one read per partition.
            int partition = copies.partitionOf(key);
            boolean restoringBefore = copies.lags().restoring(name, partition);
            T value;
            try {
                value = readPartition(partition, key);
            } catch (InvalidStateStoreException e) {
                // Not an active, running partition here: a standby (when the owner is unreachable) or a copy
                // being restored may answer, if it is fresh enough.
                return staleCopy(key, e, copies.locate(name, key));
            }
            if (value != null) {
                return Optional.of(value);
            }
            // A copy being rebuilt (after corruption, say) is active and running too: the restore listener says
            // which are, and such a copy's "no such key" is not trusted, whether it was rebuilding when the read
            // began or when it ended.
            return restoringBefore || copies.lags().restoring(name, partition)
                    ? staleCopy(key, null, copies.locate(name, key)) : Optional.empty();
        }

        /** The key from its partition's running task's published store, else through interactive queries. */
        private T readPartition(int partition, String key) {
            ReadOnlyKeyValueStore<String, T> running = copies.running().running(name, partition);
            if (running != null) {
                try {
                    return running.get(key);
                } catch (InvalidStateStoreException closed) {
                    // Closed under this read, or left published by a task whose processors failed to start.
                    copies.running().discard(name, partition, running);
                }
            }
            return partitionStore(partition).get(key);
        }

        private ReadOnlyKeyValueStore<String, T> partitionStore(int partition) {
            return byPartition.computeIfAbsent(partition, p -> streams.store(StoreQueryParameters.fromNameAndType(name,
                    QueryableStoreTypes.<String, T>keyValueStore()).withPartition(p)));
        }

        /**
         * While the active store migrates, or its owner is unreachable, a standby or restoring copy answers,
         * unless it is further behind than the configured bound: then a 503, never an answer from a copy that
         * is still being rebuilt (which would forget the customer, or their contacts and caps).
         */
        private Optional<T> staleCopy(String key, InvalidStateStoreException cause, KeyQueryMetadata metadata) {
            copies.requireFresh(name, metadata);
            try {
                // Pinned to the key's partition: while a copy is being handed over (standby to active) its store
                // is briefly missing here, and that must read as "not now", not as "no such key".
                return Optional.ofNullable(streams.store(StoreQueryParameters.fromNameAndType(name,
                        QueryableStoreTypes.<String, T>keyValueStore()).enableStaleStores()
                        .withPartition(metadata.partition())).get(key));
            } catch (InvalidStateStoreException e) {
                throw unavailable(cause != null ? cause : e);
            }
        }

        List<T> all() {
            List<T> values = new ArrayList<>();
            try (KeyValueIterator<String, T> all = store().all()) {
                all.forEachRemaining(entry -> values.add(entry.value));
            } catch (InvalidStateStoreException e) {
                throw unavailable(e);
            }
            return values;
        }

        private ReadOnlyKeyValueStore<String, T> store() {
            ReadOnlyKeyValueStore<String, T> current = store;
            if (current == null) {
                current = streams.store(StoreQueryParameters.fromNameAndType(name,
                        QueryableStoreTypes.keyValueStore()));
                store = current;
            }
            return current;
        }

        private StateUnavailableException unavailable(InvalidStateStoreException e) {
            return new StateUnavailableException(name + " is not readable now: " + e.getMessage(), e);
        }
    }
}
