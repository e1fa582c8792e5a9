package io.nbo.service.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the requests in flight: beyond {@code maxInFlight} a request is answered at once with 503 and
 * {@code Retry-After} instead of queueing behind work the server cannot finish in time.
 */
public final class LoadShedding {
    private static final String RELEASE = "loadShedding.release";
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;

    public LoadShedding(int maxInFlight, MeterRegistry registry) {
        this.maxInFlight = maxInFlight;
        Gauge.builder("http.server.in.flight", inFlight, AtomicInteger::get)
                .description("Requests being processed").register(registry);
        this.shed = Counter.builder("http.server.shed").description("Requests refused with 503 under overload")
                .register(registry);
    }

    public void admit(RoutingContext ctx) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            shed.increment();
            Problems.send(ctx, 503, "overloaded", "Overloaded",
                    maxInFlight + (maxInFlight == 1 ? " request is" : " requests are")
                            + " already in progress on this instance (MAX_IN_FLIGHT); retry shortly");
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        ctx.put(RELEASE, release);
        ctx.addEndHandler(done -> release.run());
        ctx.next();
    }

    /** Gives the request's slot back now: for answers whose end the router's end handlers do not see. */
    static void release(RoutingContext ctx) {
        Runnable release = ctx.get(RELEASE);
        if (release != null) {
            release.run();
        }
    }
}
