package io.nbo.load.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * One route's figures in one phase. {@code throughputPerSecond} counts successful answers only.
 * {@code errors} maps an HTTP status (for example "503") or a client-side failure ("timeout",
 * "client-queue-full", "connection") to how often it happened.
 */
public record RouteResult(String route, Double targetRatePerSecond, long sent, long finished, long ok,
                          double throughputPerSecond, LatencySummary latency, Map<String, Long> errors) {
    public RouteResult {
        errors = new TreeMap<>(errors);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
