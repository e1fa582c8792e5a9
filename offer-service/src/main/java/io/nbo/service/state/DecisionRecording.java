package io.nbo.service.state;

/**
 * Whether decisions reach Kafka. Every decision the service answers (previews aside) is written to the
 * {@code decisions} topic, where caps, learning, campaign totals and the decision log come from; an answer
 * does not wait for that write, so this watches its acknowledgements instead. A write that failed (and no
 * write sent after it succeeded), or writes left without any acknowledgement for {@link #STALL_MILLIS}, mean
 * decisions are being lost: the service then refuses them (503), letting one through every
 * {@link #PROBE_MILLIS} so that its write tells when Kafka is back; the first request after a quiet spell is
 * such a probe, so a service nobody asks cannot stay refusing. Times are monotonic milliseconds (a clock
 * stepped back must not hold the probes off). Thread-safe: event loops send, the producer's thread
 * acknowledges.
 */
public final class DecisionRecording {
    /** The producer's request timeout: a broker that is only slow (a restart, a pause) answers within it. */
    public static final long STALL_MILLIS = 5_000;
    public static final long PROBE_MILLIS = 1_000;

    private int outstanding;
    /** The last acknowledgement, or the first send after none was outstanding. */
    private long progressAt;
    private boolean failing;
    /** When the newest write that succeeded was sent: a failure of an older write is not news. */
    private long newestSuccessSentAt = Long.MIN_VALUE / 2;
    private long probedAt = Long.MIN_VALUE / 2;

    /** Monotonic milliseconds, for the calls below. */
    public static long now() {
        return System.nanoTime() / 1_000_000;
    }

    public synchronized void sent(long now) {
        if (outstanding == 0) {
            progressAt = now;
        }
        outstanding++;
    }

    /** @return true when this write ends a time of trouble */
    public synchronized boolean written(long sentAt, long now) {
        boolean troubled = trouble(now) != null;
        outstanding = Math.max(0, outstanding - 1);
        progressAt = now;
        failing = false;
        newestSuccessSentAt = Math.max(newestSuccessSentAt, sentAt);
        return troubled;
    }

    /** @return true when this failure starts a time of trouble */
    public synchronized boolean failed(long sentAt, long now) {
        outstanding = Math.max(0, outstanding - 1);
        progressAt = now;
        if (sentAt < newestSuccessSentAt || failing) {
            return false;
        }
        failing = true;
        return true;
    }

    /** Why decisions cannot be recorded now, or null while they can. */
    public synchronized String trouble(long now) {
        if (failing) {
            return "the last decision written to Kafka failed";
        }
        if (outstanding > 0 && now - progressAt > STALL_MILLIS) {
            return "Kafka has acknowledged none of the last " + outstanding + " decisions for "
                    + (now - progressAt) / 1000 + " s";
        }
        return null;
    }

    /**
     * Why a decision must be refused now, or null when it may be made: while in trouble, one passes every
     * {@link #PROBE_MILLIS}.
     */
    public synchronized String refusal(long now) {
        String trouble = trouble(now);
        if (trouble == null || now - probedAt >= PROBE_MILLIS) {
            if (trouble != null) {
                probedAt = now;
            }
            return null;
        }
        return trouble;
    }
}
