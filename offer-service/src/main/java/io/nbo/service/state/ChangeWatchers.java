package io.nbo.service.state;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Live views waiting for a subject's state to change. The topology tells every write of a profile or contact
 * history held here ({@link io.nbo.topology.ActiveStores#changed}); a view watching that subject is woken, and
 * reads the state again itself.
 */
public final class ChangeWatchers implements Consumer<String> {
    private final ConcurrentHashMap<String, Set<Runnable>> bySubject = new ConcurrentHashMap<>();

    /**
     * Runs {@code wake} after each change of {@code subjectId} until the returned action is run. {@code wake} runs
     * on the thread that wrote the change, a stream thread: it may only hand the work on.
     */
    public Runnable watch(String subjectId, Runnable wake) {
        bySubject.compute(subjectId, (id, wakes) -> {
            Set<Runnable> watching = wakes == null ? ConcurrentHashMap.newKeySet() : wakes;
            watching.add(wake);
            return watching;
        });
        return () -> bySubject.computeIfPresent(subjectId, (id, wakes) -> {
            wakes.remove(wake);
            return wakes.isEmpty() ? null : wakes;
        });
    }

    /** How many subjects are watched now. */
    public int watched() {
        return bySubject.size();
    }

    @Override
    public void accept(String subjectId) {
        Set<Runnable> wakes = bySubject.get(subjectId);
        if (wakes == null) {
            return;
        }
        for (Runnable wake : wakes) {
            try {
                wake.run();
            } catch (RuntimeException gone) {
                // Its event loop is closing: the view is going, and an exception here would fail the stream thread.
                wakes.remove(wake);
            }
        }
    }
}
