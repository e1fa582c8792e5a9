package io.nbo.load.report;

import java.util.Map;

/**
 * The service's own time for the decisions it answered in one phase ({@code http_server_requests_seconds} of the
 * offers route, status 200), from the router's first handler to the end of the answer. Beside the harness's
 * latency, which runs from each request's intended send time, it splits a tail into the part spent in the
 * service's code and the part spent before it (queued in the kernel, the event loop busy with other work, the
 * harness or the machine's other processes holding the cores). Percentiles are as fine as the route's buckets
 * (0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5 ms ...). In the mixed phase it counts the freshness probes' polls too
 * (a few a second), which the harness times apart.
 */
public record ServerTime(long decisions, double withinTargetMs, double withinTarget, Double p50Ms, Double p99Ms,
                         Double p999Ms) {
    public static final double TARGET_MS = 1;

    /** Null when the phase answered no decision or the service's histogram could not be read. */
    public static ServerTime between(Map<Double, Long> before, Map<Double, Long> after) {
        BucketCounts phase = BucketCounts.between(before, after);
        if (phase.total() <= 0) {
            return null;
        }
        return new ServerTime(phase.total(), TARGET_MS, phase.shareWithin(TARGET_MS / 1000), phase.quantileMs(0.5),
                phase.quantileMs(0.99), phase.quantileMs(0.999));
    }
}
