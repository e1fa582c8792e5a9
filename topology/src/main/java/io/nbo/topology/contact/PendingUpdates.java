package io.nbo.topology.contact;

import io.nbo.schemas.json.JsonSerde;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Learning evidence or campaign counts summed per key until the next flush, so the aggregators downstream get
 * one record per key and flush instead of one per offer shown. The sums live in a changelogged store (its
 * cache writes each key once per commit), so a crash between a commit and a flush loses nothing; the decoded
 * sums beside it are rebuilt from that store whenever the processor is initialised.
 */
final class PendingUpdates<V> {
    private final KeyValueStore<String, byte[]> store;
    private final String prefix;
    private final JsonSerde<V> serde;
    private final BinaryOperator<V> combine;
    private final Map<String, V> sums = new LinkedHashMap<>();

    /** {@code prefix} keeps this kind of update apart from others sharing the store. */
    PendingUpdates(KeyValueStore<String, byte[]> store, String prefix, JsonSerde<V> serde, BinaryOperator<V> combine) {
        this.store = store;
        this.prefix = prefix;
        this.serde = serde;
        this.combine = combine;
        try (KeyValueIterator<String, byte[]> left = store.prefixScan(prefix,
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            left.forEachRemaining(entry -> sums.put(entry.key, serde.fromBytes(entry.value)));
        }
    }

    /** Adds {@code update} to the sum kept under {@code key} (which must say everything that may not be summed). */
    void add(String key, V update) {
        String stored = prefix + key;
        V current = sums.get(stored);
        V next = current == null ? update : combine.apply(current, update);
        sums.put(stored, next);
        store.put(stored, serde.toBytes(next));
    }

    /**
     * Hands every sum to {@code out}, oldest first by {@code time}, and forgets it. Oldest first keeps a
     * presentation ahead of the success it led to when the two fell into different sums.
     */
    void drain(ToLongFunction<V> time, Consumer<V> out) {
        List<Map.Entry<String, V>> oldestFirst = new ArrayList<>(sums.entrySet());
        oldestFirst.sort(Comparator.comparingLong(entry -> time.applyAsLong(entry.getValue())));
        for (Map.Entry<String, V> entry : oldestFirst) {
            out.accept(entry.getValue());
            store.delete(entry.getKey());
        }
        sums.clear();
    }
}
