package io.nbo.load.report;

import java.util.Map;

/**
 * The service's own freshness histogram over one phase ({@code nbo_event_freshness_seconds}, events posted
 * through HTTP): every event the phase sent, from the collector's acceptance to the profile store, where the
 * probes time a sample of them end to end. Percentiles are as fine as the buckets (5, 10, 20, 50, 100 ms ...).
 */
public record AppliedFreshness(long events, double targetMs, double withinTarget, Double p50Ms, Double p99Ms) {
    public static final double TARGET_MS = 50;

    /** From the cumulative bucket counts (upper bound in seconds to count) before and after the phase. */
    public static AppliedFreshness between(Map<Double, Long> before, Map<Double, Long> after) {
        BucketCounts phase = BucketCounts.between(before, after);
        if (phase.total() <= 0) {
            return new AppliedFreshness(0, TARGET_MS, 0, null, null);
        }
        return new AppliedFreshness(phase.total(), TARGET_MS, phase.shareWithin(TARGET_MS / 1000),
                phase.quantileMs(0.5), phase.quantileMs(0.99));
    }
}
