package io.nbo.load.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What happened to the requests of one route in one phase. Every finished request is recorded, errors
 * included, with the time from its intended (or, in a closed loop, actual) send to its outcome; errors are
 * also counted by status code or client-side failure. A request the harness's own queue refused never reached
 * the service: it is counted, but has no latency (its near-zero time would make an overloaded service's
 * percentiles look fast). Thread-safe: the HTTP client records from its event-loop threads.
 */
public final class RouteStats {
    /** The failure of a request the harness's own queue refused, without sending it. */
    public static final String NOT_SENT = "client-queue-full";

    private final String route;
    private final int expectedStatus;
    private final Histogram micros = LatencySummary.newMicrosHistogram();
    private final Map<String, Long> errors = new TreeMap<>();
    private long sent;
    private long ok;
    private long finished;

    public RouteStats(String route, int expectedStatus) {
        this.route = route;
        this.expectedStatus = expectedStatus;
    }

    public String route() {
        return route;
    }

    public synchronized void sent() {
        sent++;
    }

    /** An HTTP answer arrived {@code elapsedNanos} after the request was due. */
    public synchronized void answered(int status, long elapsedNanos) {
        record(elapsedNanos);
        if (status == expectedStatus) {
            ok++;
        } else {
            errors.merge(Integer.toString(status), 1L, Long::sum);
        }
    }

    /** No HTTP answer: the client timed out, could not connect, or refused to queue the request. */
    public synchronized void failed(String kind, long elapsedNanos) {
        if (NOT_SENT.equals(kind)) {
            finished++;
        } else {
            record(elapsedNanos);
        }
        errors.merge(kind, 1L, Long::sum);
    }

    public synchronized long inFlight() {
        return sent - finished;
    }

    public synchronized long finished() {
        return finished;
    }

    /** A summary; {@code targetRate} is null for closed-loop phases. */
    public synchronized RouteResult result(Double targetRate, double seconds) {
        return new RouteResult(route, targetRate, sent, finished, ok, seconds > 0 ? ok / seconds : 0,
                LatencySummary.ofMicros(micros), Map.copyOf(errors));
    }

    private void record(long elapsedNanos) {
        finished++;
        long value = Math.max(1, TimeUnit.NANOSECONDS.toMicros(elapsedNanos));
        micros.recordValue(Math.min(value, micros.getHighestTrackableValue()));
    }
}
