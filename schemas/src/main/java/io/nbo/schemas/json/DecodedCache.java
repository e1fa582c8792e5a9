package io.nbo.schemas.json;

import java.time.Duration;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decoded values by their exact encoded bytes, for immutable state that is read far more often than it
 * changes: a busy customer's contact history is decoded by every decision and again by the topology, and
 * decoding it was the largest single cost of both. Keyed by content, so it can never answer with a value
 * other than what the bytes decode to, and needs no invalidation for correctness. Bounded by the encoded
 * bytes it holds (decoded, a value takes about five times that), and personal data does not outstay its use:
 * a version nobody reads for {@link #IDLE} is dropped, and {@link #forget} drops one at once (after an
 * erasure, or when the topology has written the version that replaces it).
 *
 * <p>Least recently used goes first, and every new version is admitted. (Caffeine's frequency-based admission
 * was tried first: each new version of a busy customer's state is a new key seen once, so it lost to older
 * versions nobody would read again, and two decodes in three missed in a simulation of the load test's skew.)
 */
final class DecodedCache<T> {
    static final Duration IDLE = Duration.ofMinutes(2);

    private final long maxEncodedBytes;
    private final LongSupplier clock;
    /** In access order: the head is the least recently used. */
    private final LinkedHashMap<Content, Held<T>> entries = new LinkedHashMap<>(256, 0.75f, true);
    /**
     * Where each held value is held, so that forgetting one costs no scan. Kept in step with {@link #entries}: a
     * value is held under one content at most, and every entry's value maps to that entry's content.
     */
    private final Map<T, Content> contentOf = new IdentityHashMap<>();
    private long encodedBytes;

    DecodedCache(long maxEncodedBytes) {
        // Monotonic: a wall clock stepping back would keep idle entries longer than IDLE.
        this(maxEncodedBytes, () -> System.nanoTime() / 1_000_000);
    }

    DecodedCache(long maxEncodedBytes, LongSupplier clock) {
        this.maxEncodedBytes = maxEncodedBytes;
        this.clock = clock;
    }

    T get(byte[] bytes) {
        Content content = new Content(bytes);
        long now = clock.getAsLong();
        synchronized (this) {
            Held<T> held = entries.get(content);
            if (held == null) {
                return null;
            }
            held.lastRead = now;
            trim(now);
            return held.value;
        }
    }

    /** Holds {@code value} as what {@code bytes} decode to, in place of any value held for the same bytes. */
    void put(byte[] bytes, T value) {
        if (value == null || bytes.length > maxEncodedBytes) {
            return;
        }
        Content content = new Content(bytes);
        long now = clock.getAsLong();
        synchronized (this) {
            hold(content, value, now);
            trim(now);
        }
    }

    /**
     * The value held for {@code bytes} if there is one, else {@code decoded}, now held. Readers that decoded the
     * same bytes at the same time so end up with one instance, and forgetting it (an erasure) leaves none behind.
     */
    T putIfAbsent(byte[] bytes, T decoded) {
        if (decoded == null || bytes.length > maxEncodedBytes) {
            return decoded;
        }
        Content content = new Content(bytes);
        long now = clock.getAsLong();
        synchronized (this) {
            Held<T> held = entries.get(content);
            if (held != null) {
                held.lastRead = now;
                return held.value;
            }
            hold(content, decoded, now);
            trim(now);
            return decoded;
        }
    }

    private void hold(Content content, T value, long now) {
        Content before = contentOf.put(value, content);
        if (before != null) {
            remove(before);
        }
        // Removed first, so that the entry's key is this content (a map keeps the first of equal keys, and
        // the reverse index would then keep a second copy of the bytes alive).
        Held<T> replaced = entries.remove(content);
        if (replaced != null) {
            encodedBytes -= content.bytes.length;
            if (replaced.value != value) {
                contentOf.remove(replaced.value);
            }
        }
        entries.put(content, new Held<>(value, now));
        encodedBytes += content.bytes.length;
    }

    /** Drops {@code value} itself (the instance this cache handed out or was given), if it is held. */
    synchronized void forget(T value) {
        Content content = contentOf.remove(value);
        if (content != null) {
            remove(content);
        }
    }

    synchronized long encodedBytes() {
        return encodedBytes;
    }

    /** How many values are held, counted in both directions (they must agree). */
    synchronized int[] heldCounts() {
        return new int[] {entries.size(), contentOf.size()};
    }

    private void remove(Content content) {
        if (entries.remove(content) != null) {
            encodedBytes -= content.bytes.length;
        }
    }

    private void trim(long now) {
        Iterator<Map.Entry<Content, Held<T>>> oldestFirst = entries.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<Content, Held<T>> oldest = oldestFirst.next();
            if (encodedBytes <= maxEncodedBytes && now - oldest.getValue().lastRead < IDLE.toMillis()) {
                return;
            }
            oldestFirst.remove();
            encodedBytes -= oldest.getKey().bytes.length;
            contentOf.remove(oldest.getValue().value);
        }
    }

    private static final class Held<T> {
        final T value;
        long lastRead;

        Held(T value, long lastRead) {
            this.value = value;
            this.lastRead = lastRead;
        }
    }

    /**
     * Equality and hash are over the whole content. The hash is CRC32C, which the JVM computes with the
     * processor's own instruction: a busy customer's 20 KB history hashes in about a microsecond. (A hash of
     * every sixteenth byte was tried first: customers whose states differ only in an id and a timestamp
     * collided by the thousand, and lookups degenerated into long chains of full comparisons.)
     */
    static final class Content {
        private final byte[] bytes;
        private final int hash;

        Content(byte[] bytes) {
            this.bytes = bytes;
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(bytes, 0, bytes.length);
            this.hash = (int) crc.getValue();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Content content && content.hash == hash && Arrays.equals(bytes, content.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
