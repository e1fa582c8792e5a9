package io.nbo.service.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A lazily looked-up store handle that turns store unavailability into {@link StateUnavailableException}. */
final class StoreHandle<T> {
    private final KafkaStreams streams;
    private final String name;
    /** Null for global stores, which every instance holds whole. */
    private final LocalCopies copies;
    private volatile ReadOnlyKeyValueStore<String, T> store;
    /**
     * Handles pinned to one partition, for partitions whose running task has not published its stores
     * ({@link ActiveStores}); each read finds that partition's current task and store.
     */
    private final Map<Integer, ReadOnlyKeyValueStore<String, T>> byPartition = new ConcurrentHashMap<>();

    StoreHandle(KafkaStreams streams, String name, LocalCopies copies) {
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
