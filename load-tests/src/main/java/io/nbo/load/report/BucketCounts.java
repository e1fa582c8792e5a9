package io.nbo.load.report;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A Prometheus histogram over one phase: its cumulative bucket counts (upper bound in seconds) after the phase
 * less those before. Percentiles are interpolated within a bucket, as {@code histogram_quantile} does, so they
 * are only as fine as the buckets; a share within a bound is exact where the bound is a bucket's.
 */
final class BucketCounts {
    private final NavigableMap<Double, Long> cumulative = new TreeMap<>();

    private BucketCounts() {
    }

    static BucketCounts between(Map<Double, Long> before, Map<Double, Long> after) {
        BucketCounts phase = new BucketCounts();
        after.forEach((bound, count) -> phase.cumulative.put(bound, count - before.getOrDefault(bound, 0L)));
        return phase;
    }

    long total() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** The share at or under {@code boundSeconds}; NaN where no bucket ends there. */
    double shareWithin(double boundSeconds) {
        Long within = cumulative.get(boundSeconds);
        return within == null || total() == 0 ? Double.NaN : (double) within / total();
    }

    /** Linear within the bucket the rank falls in; null when it falls in the open +Inf bucket or nothing was counted. */
    Double quantileMs(double q) {
        if (total() <= 0) {
            return null;
        }
        double rank = q * total();
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
