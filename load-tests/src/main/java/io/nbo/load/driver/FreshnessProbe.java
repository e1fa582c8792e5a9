package io.nbo.load.driver;

import io.nbo.load.report.FreshnessResult;
import io.nbo.load.report.LatencySummary;
import io.nbo.load.traffic.EventFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Freshness: how long after an event is sent the first decision reflects it. Each probe posts a
 * {@code product_view} for a customer nobody has seen ({@code lt-probe-<run>-<n>}), then asks for that
 * customer's offers every {@code pollInterval} until the decision says {@code knownCustomer: true}, and
 * records the time from the probe's intended send to that answer (so the poll interval bounds the
 * resolution). A probe gives up after {@code timeout}, and is recorded with the time it waited. Uses its own
 * small client so probes never wait behind the load they measure for a connection.
 */
public final class FreshnessProbe {
    private final ServiceClient client;
    private final EventFactory events;
    private final String runTag;
    private final long pollIntervalMillis;
    private final long timeoutNanos;
    private final Histogram micros = LatencySummary.newMicrosHistogram();
    private final Map<String, Long> failures = new TreeMap<>();
    private long started;
    private long reflected;
    private long timedOut;

    public FreshnessProbe(ServiceClient client, EventFactory events, String runTag, Duration pollInterval,
                          Duration timeout) {
        this.client = client;
        this.events = events;
        this.runTag = runTag;
        this.pollIntervalMillis = Math.max(1, pollInterval.toMillis());
        this.timeoutNanos = timeout.toNanos();
    }

    /** Starts one probe that was due at {@code dueNanos}. Called from the scheduler thread only. */
    public void fire(long dueNanos) {
        long number;
        synchronized (this) {
            number = ++started;
        }
        String customerId = "lt-probe-" + runTag + "-" + number;
        byte[] body = events.encode(events.productView(customerId, "books", "p-books-probe",
                System.currentTimeMillis()));
        client.post("/v1/events", body).onComplete(posted -> {
            if (posted.succeeded() && posted.result().statusCode() == 202) {
                poll(customerId, dueNanos);
            } else {
                fail("post " + (posted.succeeded() ? posted.result().statusCode()
                        : ServiceClient.failureKind(posted.cause())));
            }
        });
    }

    private void poll(String customerId, long dueNanos) {
        client.get("/v1/customers/" + customerId + "/offers?channel=web&placement=home").onComplete(answer -> {
            long now = System.nanoTime();
            if (answer.succeeded() && reflects(answer.result())) {
                record(now - dueNanos);
            } else if (now - dueNanos > timeoutNanos) {
                timedOut(now - dueNanos);
            } else {
                client.vertx().setTimer(pollIntervalMillis, t -> poll(customerId, dueNanos));
            }
        });
    }

    private static boolean reflects(HttpResponse<Buffer> answer) {
        if (answer.statusCode() != 200) {
            return false;
        }
        JsonObject decision = answer.bodyAsJsonObject();
        return decision != null && decision.getBoolean("knownCustomer", false);
    }

    private synchronized void record(long elapsedNanos) {
        reflected++;
        micros.recordValue(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(elapsedNanos),
                micros.getHighestTrackableValue())));
    }

    /** Recorded with the time it waited: percentiles that left the slowest probes out would flatter. */
    private synchronized void timedOut(long elapsedNanos) {
        timedOut++;
        micros.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(elapsedNanos), micros.getHighestTrackableValue()));
    }

    private synchronized void fail(String kind) {
        failures.merge(kind, 1L, Long::sum);
    }

    /** Probes neither reflected, timed out nor failed yet. */
    public synchronized long pending() {
        return started - reflected - timedOut - failures.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized FreshnessResult result() {
        return new FreshnessResult(started, reflected, timedOut, Map.copyOf(failures), pollIntervalMillis,
                LatencySummary.ofMicros(micros));
    }
}
