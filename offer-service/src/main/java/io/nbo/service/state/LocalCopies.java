package io.nbo.service.state;

import io.nbo.schemas.topics.Topics;
import io.nbo.topology.ActiveStores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/** Where a partitioned store's key lives, and whether this instance's copy of it is fresh enough to read. */
record LocalCopies(KafkaStreams streams, ActiveStores running, CopyLag lags, long maxLag, int partitions) {
    private static final Serializer<String> KEYS = Serdes.String().serializer();

    /**
     * The key's partition, as the producers' default partitioner and Kafka Streams place it. Computed here
     * because asking Streams for the full metadata (owner, standbys) is synchronised and costs more than
     * the read itself; the metadata is looked up only when the local copy cannot answer.
     */
    int partitionOf(String key) {
        return Topics.partitionOf(key, partitions);
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
