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
                .publishPercentileHistogram()
                .register(registry);
    }
}
