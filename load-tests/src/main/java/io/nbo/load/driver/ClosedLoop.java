package io.nbo.load.driver;

import io.nbo.load.report.RouteStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The maximum-throughput measurement: {@code users} callers, each sending its next request as soon as the
 * previous one is answered. This is a closed loop on purpose — it finds the ceiling, and its latencies are
 * only what each caller saw, not what an open arrival stream would see at that rate.
 */
public final class ClosedLoop {
    private ClosedLoop() {
    }

    /**
     * Runs until {@code duration} has passed or {@code maxRequests} were sent, whichever is first, and
     * returns the seconds it actually ran (from start until the last caller stopped). {@code request} is
     * only ever called on one client thread.
     */
    public static double run(ServiceClient client, int users, Duration duration, long maxRequests,
                             Supplier<Future<HttpResponse<Buffer>>> request, RouteStats stats)
            throws InterruptedException {
        Context context = client.vertx().getOrCreateContext();
        CountDownLatch stopped = new CountDownLatch(users);
        AtomicLong issued = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        context.runOnContext(ignored -> {
            for (int i = 0; i < users; i++) {
                new Caller(client, request, stats, deadline, maxRequests, issued, stopped).next();
            }
        });
        if (!stopped.await(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("closed-loop callers did not stop within 30 s of the deadline");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private record Caller(ServiceClient client, Supplier<Future<HttpResponse<Buffer>>> request, RouteStats stats,
                          long deadline, long maxRequests, AtomicLong issued, CountDownLatch stopped) {
        void next() {
            if (System.nanoTime() >= deadline || issued.incrementAndGet() > maxRequests) {
                stopped.countDown();
                return;
            }
            client.send(request.get(), stats, System.nanoTime(), answer -> {
            }).onComplete(done -> next());
        }
    }
}
