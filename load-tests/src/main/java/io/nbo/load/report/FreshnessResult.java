package io.nbo.load.report;

import java.util.Map;
import java.util.TreeMap;

/** Freshness probes of one phase: how many were sent, seen in a decision, or given up on, and how fast. */
public record FreshnessResult(long probes, long reflected, long timedOut, Map<String, Long> failures,
                              long pollIntervalMs, LatencySummary latency) {
    public FreshnessResult {
        failures = new TreeMap<>(failures);
    }
}
