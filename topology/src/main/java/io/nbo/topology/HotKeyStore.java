package io.nbo.topology;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A store of a few keys updated by nearly every decision (an offer's model, a campaign's totals), with the
 * decoded values kept beside it: each update then skips decoding the value it changes, which was a fifth of
 * the stream thread's time under load. The store stays the truth; the decoded copies are dropped whenever
 * the processor is (re)initialised, so a revived or restored task starts from what the store holds.
 */
public final class HotKeyStore<V> {
    private final KeyValueStore<String, V> store;
    private final Map<String, V> decoded = new HashMap<>();

    public HotKeyStore(KeyValueStore<String, V> store) {
        this.store = store;
    }

    public V get(String key) {
        V value = decoded.get(key);
        if (value == null) {
            value = store.get(key);
            if (value != null) {
                decoded.put(key, value);
            }
        }
        return value;
    }

    public void put(String key, V value) {
        store.put(key, value);
        decoded.put(key, value);
    }
}
