package io.nbo.service.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/** Times every request by route template, method and status, as a Prometheus histogram. */
public final class HttpMetrics {
    /** Any other method is tagged OTHER, so made-up methods cannot grow the registry without bound. */
    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("GET", "POST", "PUT", "DELETE",
            "OPTIONS", "HEAD", "PATCH");
    static final int CLIENT_CLOSED_REQUEST = 499;
    /**
     * Bounds fine around the 1 ms decision target and coarse beyond: Micrometer's default percentile histogram
     * has 69 buckets, and every route, method and status seen carries its own set, which had grown a scrape to
     * megabytes.
     */
    private static final java.time.Duration[] BUCKETS = java.util.stream.LongStream.of(100, 250, 500, 750, 1_000,
            1_500, 2_000, 3_000, 5_000, 7_500, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
            2_500_000, 5_000_000, 10_000_000).mapToObj(micros -> java.time.Duration.of(micros,
            java.time.temporal.ChronoUnit.MICROS)).toArray(java.time.Duration[]::new);
    private final MeterRegistry registry;
    /** Building a timer's id (tags sorted, histogram set up) on every request showed in profiles. */
    private final java.util.Map<Key, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private record Key(String route, String method, int status) {
    }

    /** Finds the declared route of a request refused before reaching it (401, 403, 413, 503). */
    private volatile java.util.function.BiFunction<HttpMethod, String, String> declaredTemplate = (method, path) -> null;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Without this, a request refused by a handler in front of every route (keys, load shedding, body limit)
     * is tagged "unmatched", and the refusals of a route cannot be seen beside its answers.
     */
    public void nameRefusedRequestsBy(java.util.function.BiFunction<HttpMethod, String, String> declaredTemplate) {
        this.declaredTemplate = declaredTemplate;
    }

    public void time(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            String template = template(ctx);
            String method = KNOWN_METHODS.contains(ctx.request().method().name()) ? ctx.request().method().name()
                    : "OTHER";
            // A client that left before the answer was sent is counted as nginx does, not as the 200 never sent.
            int status = ctx.response().ended() ? ctx.response().getStatusCode() : CLIENT_CLOSED_REQUEST;
            timers.computeIfAbsent(new Key(template, method, status), this::timer)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
        ctx.next();
    }

    private String template(RoutingContext ctx) {
        Route route = ctx.currentRoute();
        if (route != null && route.getPath() != null && route.methods() != null) {
            return route.getPath();
        }
        // The path as sent: normalising would throw on a bad %-escape, and would fold "//" into another route.
        String declared = declaredTemplate.apply(ctx.request().method(), ctx.request().path());
        return declared == null ? "unmatched" : declared;
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .tag("route", key.route())
                .tag("method", key.method())
                .tag("status", Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
