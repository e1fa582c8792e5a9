package io.nbo.service.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the requests in flight: beyond {@code maxInFlight} a request is answered at once with 503 and
 * {@code Retry-After} instead of queueing behind work the server cannot finish in time.
 */
public final class LoadShedding {
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
                    "more than " + maxInFlight + " requests are in flight; retry shortly");
            return;
        }
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        ctx.next();
    }
}
