package io.nbo.load.report;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in microseconds, reported in milliseconds. */
public record LatencySummary(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
                             double maxMs) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(micros.getTotalCount(),
                ms(micros.getMean()),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    /** A histogram that holds 1 µs to 1 h with 3 significant digits (0.1% resolution). */
    public static Histogram newMicrosHistogram() {
        return new Histogram(1, 3_600_000_000L, 3);
    }

    private static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }
}
