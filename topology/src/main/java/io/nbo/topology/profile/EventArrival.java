package io.nbo.topology.profile;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * When an event arrived, so the time it took to reach the profile a decision reads can be measured. The HTTP
 * collector stamps its records with the moment it accepted the event; a record produced straight to a topic is
 * timed from the record's own timestamp, which a producer sets when it sends unless it chose another.
 */
public final class EventArrival {
    /** Milliseconds since the epoch, eight bytes big-endian. */
    public static final String HEADER = "nbo-accepted-at";

    /** Where the clock started; its {@code id} is the metric tag. */
    public enum Origin {
        COLLECTOR("collector"), TOPIC("topic");

        private final String id;

        Origin(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * Hears each event the profile store took in, with when it arrived (epoch millis), as soon as the store has
     * it; called on a stream thread, so it reads its own clock (the stream thread's is read once per batch).
     */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (origin, arrivedAt) -> {
        };

        void applied(Origin origin, long arrivedAt);

        /**
         * Hears each event dropped as a repeat of an id the customer already sent: a retry, or a source system
         * whose ids collide with another's, which only this makes visible.
         */
        default void repeated(Origin origin) {
        }
    }

    private EventArrival() {
    }

    public static Header stamp(long acceptedAt) {
        return new RecordHeader(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(acceptedAt).array());
    }

    /**
     * A stamp older than this is on a record produced again (a dead letter sent back after a fix, a copy of an old
     * topic), not on one still on its way: such a record is timed like any other producer's.
     */
    static final long STAMP_HORIZON_MILLIS = java.time.Duration.ofDays(7).toMillis();

    /** Tells {@code listener} when the record, applied about {@code now}, arrived. */
    static void report(Listener listener, Headers headers, long recordTimestamp, long now) {
        Long acceptedAt = stamp(headers, now);
        if (acceptedAt != null) {
            listener.applied(Origin.COLLECTOR, acceptedAt);
        } else if (recordTimestamp >= 0) {
            listener.applied(Origin.TOPIC, recordTimestamp);
        }
    }

    /** Tells {@code listener} that the record, read about {@code now}, repeated an event id already applied. */
    static void reportRepeat(Listener listener, Headers headers, long now) {
        listener.repeated(stamp(headers, now) != null ? Origin.COLLECTOR : Origin.TOPIC);
    }

    /** The collector's acceptance time, where the record carries a stamp to trust; else null. */
    static Long stamp(Headers headers, long now) {
        Header stamped = headers.lastHeader(HEADER);
        byte[] value = stamped == null ? null : stamped.value();
        // A header of another shape (a producer that happens to use the name) is not ours: time the record instead.
        long acceptedAt = value != null && value.length == Long.BYTES ? ByteBuffer.wrap(value).getLong() : Long.MIN_VALUE;
        return acceptedAt >= now - STAMP_HORIZON_MILLIS ? acceptedAt : null;
    }
}
