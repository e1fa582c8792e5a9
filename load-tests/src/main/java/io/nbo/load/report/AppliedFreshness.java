package io.nbo.load.report;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The service's own freshness histogram over one phase ({@code nbo_event_freshness_seconds}, events posted
 * through HTTP): every event the phase sent, from the collector's acceptance to the profile store, where the
 * probes time a sample of them end to end. Percentiles are interpolated within histogram buckets, as
 * Prometheus' {@code histogram_quantile} does, so they are as fine as the buckets (5, 10, 20, 50, 100 ms ...);
 * {@code withinTarget} is exact at a bucket bound.
 */
public record AppliedFreshness(long events, double targetMs, double withinTarget, Double p50Ms, Double p99Ms) {
    public static final double TARGET_MS = 50;

    /** From the cumulative bucket counts (upper bound in seconds to count) before and after the phase. */
    public static AppliedFreshness between(Map<Double, Long> before, Map<Double, Long> after) {
        NavigableMap<Double, Long> counts = new TreeMap<>();
        after.forEach((bound, count) -> counts.put(bound, count - before.getOrDefault(bound, 0L)));
        long events = counts.isEmpty() ? 0 : counts.lastEntry().getValue();
        if (events <= 0) {
            return new AppliedFreshness(0, TARGET_MS, 0, null, null);
        }
        Long within = counts.get(TARGET_MS / 1000);
        return new AppliedFreshness(events, TARGET_MS, within == null ? Double.NaN : (double) within / events,
                quantileMs(counts, 0.5), quantileMs(counts, 0.99));
    }

    /** Linear within the bucket the rank falls in; null when it falls in the open +Inf bucket. */
    static Double quantileMs(NavigableMap<Double, Long> cumulative, double q) {
        long total = cumulative.lastEntry().getValue();
        double rank = q * total;
        double lowerBound = 0;
        long lowerCount = 0;
        for (var bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return null;
                }
                long inBucket = bucket.getValue() - lowerCount;
                double share = inBucket == 0 ? 1 : (rank - lowerCount) / inBucket;
                return (lowerBound + (bucket.getKey() - lowerBound) * share) * 1000;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return null;
    }
}
