package io.nbo.service.state;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * Which instance owns, and which hold standby copies of, each partition of the customer-keyed stores, as
 * Kafka Streams last said. Asking Streams for a key's metadata is synchronised and builds new collections
 * every time; every request asks it, so the answer is kept per partition until Streams changes state (every
 * reassignment passes through REBALANCING and back) and for at most {@link #MAX_AGE_MILLIS} besides.
 */
public final class KeyOwners {
    static final long MAX_AGE_MILLIS = 1_000;
    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final String store;
    private final int partitions;
    private final AtomicReferenceArray<Known> known;
    /** Bumped on every Streams state change; an answer looked up before a bump is not kept. */
    private final AtomicLong generation = new AtomicLong();

    private record Known(KeyQueryMetadata metadata, long generation, long lookedUpAt) {
    }

    /** @param store a store keyed like every customer-keyed topic (all co-partitioned) */
    public KeyOwners(KafkaStreams streams, String store, int partitions) {
        this.streams = streams;
        this.store = store;
        this.partitions = partitions;
        this.known = new AtomicReferenceArray<>(partitions);
    }

    /** Register as (or call from) the Kafka Streams state listener. */
    public void onStateChange() {
        generation.incrementAndGet();
    }

    /**
     * The key's owner and standbys, or {@link KeyQueryMetadata#NOT_AVAILABLE} while no instance owns it.
     *
     * @throws StateUnavailableException when Kafka Streams is not running (starting, stopping, failed)
     */
    public KeyQueryMetadata of(String key) {
        int partition = StateReader.partitionOf(key, partitions);
        long now = System.currentTimeMillis();
        long current = generation.get();
        Known cached = known.get(partition);
        if (cached != null && cached.generation() == current && now - cached.lookedUpAt() < MAX_AGE_MILLIS) {
            return cached.metadata();
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, KEYS);
        } catch (IllegalStateException e) {
            throw new StateUnavailableException("no key can be located now: " + e.getMessage(), e);
        }
        if (metadata != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                && metadata.partition() == partition && generation.get() == current) {
            known.set(partition, new Known(metadata, current, now));
        }
        return metadata;
    }
}
