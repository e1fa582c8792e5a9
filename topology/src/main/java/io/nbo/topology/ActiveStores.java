package io.nbo.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The per-customer stores of the tasks this instance is running, by store name and partition, for the offer
 * route to read without asking Kafka Streams where they are. (Interactive queries list the tasks of every
 * stream thread on every read, to find one store: that was 15 % of the HTTP event loop, three reads per
 * decision.) The processors that own the stores publish them when Kafka Streams starts running their task,
 * and withdraw them when it closes the task's processors, which it does before it suspends, moves, recycles
 * into a standby or rebuilds that task. What is not published here is read through interactive queries.
 *
 * <p>Readers get the store interactive queries read (behind the processor's own view of it, handed out
 * typed read-only), so reads are as safe across threads as those are; a store closed between lookup and
 * read throws {@code InvalidStateStoreException}, as there. A reader that gets that exception discards the
 * handle ({@link #discard}): a task whose processors failed to start after one of them had published
 * would otherwise leave a closed store published until its partition runs here again.
 *
 * <p>It also holds what the topology's processors on this instance tell each other and the service outside
 * any store: how far each global table has applied its topic (and which records created their key), and the
 * erasures applied here lately (which it also passes on to the service), and when the events applied arrived.
 */
public final class ActiveStores {
    private final Map<String, Map<Integer, ReadOnlyKeyValueStore<String, ?>>> stores = new ConcurrentHashMap<>();
    /** The offset of the last record each global table applied, by topic and partition. */
    private final Map<String, Map<Integer, Long>> globalApplied = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> globalVersions = new ConcurrentHashMap<>();

    /** Records that a global table applied (or skipped) {@code offset} of {@code topic}'s {@code partition}. */
    public void globalApplied(String topic, int partition, long offset) {
        globalApplied.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).merge(partition, offset, Math::max);
        globalVersions.computeIfAbsent(topic, t -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
    }

    /**
     * The latest records of each global table that tells creation and created their key, by topic, as
     * "partition:offset": a catalogue write that waited to be applied answers 201 only when it was the one
     * that created its id, also when another write of the same new id raced it.
     */
    private final Map<String, java.util.Set<String>> globalCreations = new ConcurrentHashMap<>();
    private static final int CREATIONS_KEPT = 4096;

    /**
     * Erasures applied here lately, by subject, with when each was asked for: a decision made before it may still
     * be on its way to the contact tracker, and must not bring the history back. Kept in memory only, for minutes
     * (a decision arrives within seconds), so no store or changelog keeps the erased id.
     */
    private final Map<String, Long> recentErasures = new java.util.LinkedHashMap<>();
    private static final long ERASURES_KEPT_MILLIS = 5 * 60_000;

    public void erased(String subject, long requestedAt) {
        synchronized (recentErasures) {
            long horizon = System.currentTimeMillis() - ERASURES_KEPT_MILLIS;
            recentErasures.values().removeIf(at -> at < horizon);
            recentErasures.put(subject, requestedAt);
        }
        erasures.accept(subject);
    }

    private volatile Consumer<String> erasures = subject -> {
    };

    /**
     * Who hears each id erased here (a customer, and each visitor id stitched to them, on its own partition):
     * what the service keeps about an id outside the stores, such as remembered answers, must go too.
     */
    public void listenToErasures(Consumer<String> listener) {
        this.erasures = listener;
    }

    /** When {@code subject}'s erasure was asked for, if it was applied here in the last minutes. */
    public Long erasedAt(String subject) {
        synchronized (recentErasures) {
            return recentErasures.isEmpty() ? null : recentErasures.get(subject);
        }
    }

    /** Records that {@code offset} of {@code topic}'s {@code partition} created its key in a global table. */
    public void globalCreated(String topic, int partition, long offset) {
        java.util.Set<String> created = globalCreations.computeIfAbsent(topic, t -> java.util.Collections.synchronizedSet(
                java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > CREATIONS_KEPT;
                    }
                })));
        created.add(partition + ":" + offset);
    }

    /** Whether that record, which this instance's global table applied lately, created its key. */
    public boolean globalRecordCreated(String topic, int partition, long offset) {
        java.util.Set<String> created = globalCreations.get(topic);
        return created != null && created.contains(partition + ":" + offset);
    }

    /** Counts the records the global table of {@code topic} has applied: a copy read at one count is current until it moves. */
    public long globalVersion(String topic) {
        java.util.concurrent.atomic.AtomicLong version = globalVersions.get(topic);
        return version == null ? 0 : version.get();
    }

    /**
     * Whether this instance's global table of {@code topic} has applied {@code offset} of {@code partition}: a
     * write read back later may be gone already, replaced by a later write of the same key.
     */
    public boolean globalHasApplied(String topic, int partition, long offset) {
        Map<Integer, Long> byPartition = globalApplied.get(topic);
        Long applied = byPartition == null ? null : byPartition.get(partition);
        return applied != null && applied >= offset;
    }

    private volatile Consumer<String> changes = subjectId -> {
    };

    private volatile io.nbo.topology.profile.EventArrival.Listener arrivals =
            io.nbo.topology.profile.EventArrival.Listener.NONE;

    /** Who hears how long each applied event took from its arrival (the service's freshness metric). */
    public void listenToArrivals(io.nbo.topology.profile.EventArrival.Listener listener) {
        this.arrivals = listener;
    }

    public io.nbo.topology.profile.EventArrival.Listener arrivals() {
        return arrivals;
    }

    /**
     * Who hears that a subject's profile or contact history was just written (live views, which then read it
     * again). Called on a stream thread, for every event: the listener only hands the news on.
     */
    public void listenToChanges(Consumer<String> listener) {
        this.changes = listener;
    }

    /** A processor wrote the profile or contact history of {@code subjectId}: readable from its store now. */
    public void changed(String subjectId) {
        changes.accept(subjectId);
    }

    /** What a processor has published, to withdraw when Kafka Streams closes it. */
    public interface Publication {
        void withdraw();
    }

    /** Publishes the stores named {@code names} of the task {@code context} belongs to. */
    public Publication publish(ProcessorContext<?, ?> context, String... names) {
        int partition = context.taskId().partition();
        Map<String, ReadOnlyKeyValueStore<String, ?>> published = new java.util.HashMap<>();
        for (String name : names) {
            StateStore store = context.getStateStore(name);
            @SuppressWarnings("unchecked")
            ReadOnlyKeyValueStore<String, ?> readable = (ReadOnlyKeyValueStore<String, ?>) store;
            stores.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(partition, readable);
            published.put(name, readable);
        }
        // Removed only if still this task's own: a later task of the same partition may have published since.
        return () -> published.forEach((name, store) -> discard(name, partition, store));
    }

    /** Withdraws {@code store} as partition {@code partition} of {@code name}, if it is still the one published. */
    public void discard(String name, int partition, ReadOnlyKeyValueStore<String, ?> store) {
        Map<Integer, ReadOnlyKeyValueStore<String, ?>> byPartition = stores.get(name);
        if (byPartition != null) {
            byPartition.remove(partition, store);
        }
    }

    /** Partition {@code partition} of store {@code name}, if a running task of this instance has it; else null. */
    @SuppressWarnings("unchecked")
    public <T> ReadOnlyKeyValueStore<String, T> running(String name, int partition) {
        Map<Integer, ReadOnlyKeyValueStore<String, ?>> byPartition = stores.get(name);
        return byPartition == null ? null : (ReadOnlyKeyValueStore<String, T>) byPartition.get(partition);
    }
}
