package io.nbo.topology;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes the latest value of each changed key at most once per {@link #INTERVAL}: under load an offer's
 * model changes hundreds of times a second, and every instance needs only the latest. Keys are marked
 * changed as they are updated; at start every key is marked, so nothing changed before a crash is missed.
 */
public final class SnapshotPublisher<V> {
    public static final Duration INTERVAL = Duration.ofMillis(100);

    private final Set<String> changed = new LinkedHashSet<>();
    private final Function<V, byte[]> serializer;
    private final String sink;

    public SnapshotPublisher(Function<V, byte[]> serializer, String sink) {
        this.serializer = serializer;
        this.sink = sink;
    }

    /** {@code latest} reads a key's current value (the owner's decoded copy, when it keeps one). */
    public void init(ProcessorContext<String, byte[]> context, KeyValueStore<String, V> store,
                     Function<String, V> latest) {
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> changed.add(entry.key));
        }
        context.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> publish(context, latest, now));
    }

    public void changed(String key) {
        changed.add(key);
    }

    private void publish(ProcessorContext<String, byte[]> context, Function<String, V> latest, long now) {
        for (String key : changed) {
            V value = latest.apply(key);
            if (value != null) {
                context.forward(new Record<>(key, serializer.apply(value), now), sink);
            }
        }
        changed.clear();
    }
}
