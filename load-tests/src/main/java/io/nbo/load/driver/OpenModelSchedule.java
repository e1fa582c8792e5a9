package io.nbo.load.driver;

import java.time.Duration;

/**
 * When each request of an open-model stream is meant to be sent: request {@code i} at
 * {@code start + i / rate}, whatever happened to the requests before it. Latency is measured from these
 * intended times, so a stalled server (or a stalled sender) shows up as latency instead of silently
 * lowering the offered load — the coordinated-omission mistake a closed loop makes.
 */
public final class OpenModelSchedule {
    private final long startNanos;
    private final double ratePerSecond;
    private final long count;

    /** {@code floor(rate × duration)} requests, the first one at {@code startNanos}. */
    public OpenModelSchedule(long startNanos, double ratePerSecond, Duration duration) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number, got " + ratePerSecond);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
        this.count = (long) Math.floor(ratePerSecond * duration.toNanos() / 1e9);
    }

    /** How many requests the stream sends in total: the loop over them is bounded by this. */
    public long count() {
        return count;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** The time request {@code index} (0-based) is meant to leave, in {@link System#nanoTime()} terms. */
    public long intendedNanos(long index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("request " + index + " of " + count);
        }
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** How many requests are due at {@code nowNanos}: every one whose intended time is not after it. */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos || count == 0) {
            return 0;
        }
        long due = (long) Math.floor((nowNanos - startNanos) * ratePerSecond / 1e9) + 1;
        // Rounding in intendedNanos can put the boundary one request either way; settle it exactly.
        while (due > 0 && due <= count && intendedNanos(due - 1) > nowNanos) {
            due--;
        }
        while (due < count && intendedNanos(due) <= nowNanos) {
            due++;
        }
        return Math.min(due, count);
    }

    /** When the last request is meant to leave; equal to the start when there is none. */
    public long lastIntendedNanos() {
        return count == 0 ? startNanos : intendedNanos(count - 1);
    }
}
