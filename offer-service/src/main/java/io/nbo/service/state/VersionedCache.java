package io.nbo.service.state;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value reloaded when older than {@link StateReader#DECISION_CACHE_MILLIS} or when its source's version moved;
 * concurrent readers may both reload.
 */
final class VersionedCache<T> {
    private final Supplier<T> loader;
    private final LongSupplier version;
    private volatile T value;
    private volatile long loadedAt;
    private volatile long loadedVersion;

    VersionedCache(Supplier<T> loader, LongSupplier version) {
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
        if (current == null || now - loadedAt > StateReader.DECISION_CACHE_MILLIS || sourceVersion != loadedVersion) {
            // The version is read before the load: a change applied meanwhile makes the next read reload too.
            current = loader.get();
            value = current;
            loadedAt = now;
            loadedVersion = sourceVersion;
        }
        return current;
    }
}
