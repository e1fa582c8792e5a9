package io.nbo.service.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/** Times every request by route template, method and status, as a Prometheus histogram. */
public final class HttpMetrics {
    /** Any other method is tagged OTHER, so made-up methods cannot grow the registry without bound. */
    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("GET", "POST", "PUT", "DELETE",
            "OPTIONS", "HEAD", "PATCH");
    private final MeterRegistry registry;
    /** Building a timer's id (tags sorted, histogram set up) on every request showed in profiles. */
    private final java.util.Map<Key, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private record Key(String route, String method, int status) {
    }

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void time(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            Route route = ctx.currentRoute();
            String template = route == null || route.getPath() == null ? "unmatched" : route.getPath();
            String method = KNOWN_METHODS.contains(ctx.request().method().name()) ? ctx.request().method().name()
                    : "OTHER";
            timers.computeIfAbsent(new Key(template, method, ctx.response().getStatusCode()), this::timer)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
        ctx.next();
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .tag("route", key.route())
                .tag("method", key.method())
                .tag("status", Integer.toString(key.status()))
                .publishPercentileHistogram()
                .register(registry);
    }
}
