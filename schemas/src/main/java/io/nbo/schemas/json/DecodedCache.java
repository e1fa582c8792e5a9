package io.nbo.schemas.json;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Arrays;

/**
 * Decoded values by their exact encoded bytes, for immutable state that is read far more often than it
 * changes: a busy customer's contact history is decoded by every decision and again by the topology, and
 * decoding it was the largest single cost of both. Keyed by content, so it can never answer with a value
 * other than what the bytes decode to, and needs no invalidation. Bounded by the encoded bytes it holds
 * (decoded, a value takes about five times that), and personal data does not outstay its use: a version
 * nobody reads for {@link #IDLE} is dropped, and erasure drops the current one at once ({@link #forget}).
 */
final class DecodedCache<T> {
    static final Duration IDLE = Duration.ofMinutes(2);

    private final Cache<Content, T> cache;

    DecodedCache(long maxEncodedBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxEncodedBytes)
                .weigher((Content content, T value) -> content.bytes.length)
                .expireAfterAccess(IDLE)
                // Upkeep on the calling thread: on two cores the common pool has one worker to spare for it.
                .executor(Runnable::run)
                .build();
    }

    T get(byte[] bytes) {
        return cache.getIfPresent(new Content(bytes));
    }

    void put(byte[] bytes, T value) {
        if (value != null) {
            cache.put(new Content(bytes), value);
        }
    }

    /** Drops {@code value} itself (the instance this cache handed out or was given), wherever it is held. */
    void forget(T value) {
        cache.asMap().values().removeIf(held -> held == value);
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
