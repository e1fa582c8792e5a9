package io.nbo.service.state;

/**
 * Whether decisions reach Kafka. Every decision the service answers (previews aside) is written to the
 * {@code decisions} topic, where caps, learning, campaign totals and the decision log come from; an answer
 * does not wait for that write, so this watches its acknowledgements instead. A write that failed, or writes
 * left without any acknowledgement for {@link #STALL_MILLIS}, mean decisions are being lost: the service then
 * refuses them (503) and reports itself not ready, letting one through every {@link #PROBE_MILLIS} so that
 * its write tells when Kafka is back. Thread-safe: event loops send, the producer's thread acknowledges.
 */
public final class DecisionRecording {
    /** Far above a healthy acknowledgement (the decision producer lingers 20 ms), far below its 10 s timeout. */
    public static final long STALL_MILLIS = 3_000;
    public static final long PROBE_MILLIS = 1_000;

    private int outstanding;
    /** The last acknowledgement, or the first send after none was outstanding. */
    private long progressAt;
    /** The last failed write not followed by a successful one; -1 when there is none. */
    private long failedAt = -1;
    private long probedAt = -PROBE_MILLIS;

    public synchronized void sent(long now) {
        if (outstanding == 0) {
            progressAt = now;
        }
        outstanding++;
    }

    /** @return true when this write ends a time of trouble */
    public synchronized boolean written(long now) {
        boolean troubled = trouble(now) != null;
        outstanding = Math.max(0, outstanding - 1);
        progressAt = now;
        failedAt = -1;
        return troubled;
    }

    /** @return true when this failure is the first since a write succeeded */
    public synchronized boolean failed(long now) {
        boolean first = failedAt < 0;
        outstanding = Math.max(0, outstanding - 1);
        progressAt = now;
        failedAt = now;
        return first;
    }

    /** Why decisions cannot be recorded now, or null while they can. */
    public synchronized String trouble(long now) {
        if (failedAt >= 0) {
            return "the last decision written to Kafka failed";
        }
        if (outstanding > 0 && now - progressAt > STALL_MILLIS) {
            return "Kafka has acknowledged none of the last " + outstanding + " decisions for "
                    + (now - progressAt) / 1000 + " s";
        }
        return null;
    }

    /** Whether a decision must be refused now; while in trouble, one passes every {@link #PROBE_MILLIS}. */
    public synchronized boolean refuses(long now) {
        if (trouble(now) == null) {
            return false;
        }
        if (now - probedAt >= PROBE_MILLIS) {
            probedAt = now;
            return false;
        }
        return true;
    }
}
