package io.nbo.service.http;

import static io.nbo.service.access.Role.ADMIN;
import static io.nbo.service.access.Role.AGENT;
import static io.nbo.service.access.Role.MARKETER;
import static io.nbo.service.access.Role.SITE;

import io.nbo.service.access.Access;
import io.nbo.service.access.Role;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;

/** Every HTTP route of the service, declared in one place; shared concerns run in front of them all. */
public final class Routes {
    /**
     * The pages load nothing from elsewhere, and are framed only by the origins listed (none by default): another
     * site can neither inject a script into the agent's screen nor overlay it to steal the clicks that record
     * answers.
     */
    static String pagePolicy(java.util.List<String> frameOrigins) {
        return "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self';"
                + " frame-ancestors " + (frameOrigins.isEmpty() ? "'none'" : String.join(" ", frameOrigins));
    }

    private Routes() {
    }

    public record Handlers(DecisionHandler decisions, EventHandler events, CustomerHandler customers,
                           CatalogueHandler<?> offers, CatalogueHandler<?> campaigns, CampaignStatsHandler campaignStats,
                           OperationsHandler operations, HttpMetrics metrics, LoadShedding shedding) {
    }

    public static Router router(Vertx vertx, Handlers h, Access access, long bodyLimitBytes, long requestTimeoutMs,
                                java.util.List<String> corsOrigins, java.util.List<String> frameOrigins) {
        Router router = Router.router(vertx);
        router.route().handler(RequestParams::dropOnEndingConnections);
        router.route().handler(h.metrics()::time);
        // Where only some origins may call, answers differ by Origin (allowed, or not): caches must tell them apart.
        // Added as the headers go out, once, beside whatever the CORS handler says.
        boolean someOrigins = !corsOrigins.contains("*");
        router.route().handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                MultiMap headers = ctx.response().headers();
                if (someOrigins) {
                    varyByOrigin(headers);
                }
                protect(ctx.request().path(), headers);
            });
            ctx.next();
        });
        router.route().handler(RequestParams::refuseTwoHosts);
        router.route().handler(RequestParams::refuseUnknownTransferCoding);
        router.route().handler(RequestParams::refuseDotSegments);
        // Websites call the collector and the offer route from shop pages on other origins. Request headers are
        // not listed, so a preflight is granted the ones it asks for (a shop's tracing headers among them): access
        // rests on the key, not on headers. A preflight holds for 10 minutes instead of the browser's 5 seconds.
        CorsHandler cors = CorsHandler.create().addOrigins(corsOrigins)
                .allowedMethods(java.util.Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
                        HttpMethod.OPTIONS))
                .exposedHeaders(java.util.Set.of("Retry-After", Forwarding.SERVED_BY_HEADER, "WWW-Authenticate",
                        DecisionReplays.HEADER))
                .maxAgeSeconds(600);
        // Browsers send Origin on the service's own pages' POSTs too: those are no cross-origin calls.
        router.route().handler(ctx -> {
            if (sameOrigin(ctx)) {
                ctx.next();
            } else {
                cors.handle(ctx);
            }
        });
        // A plain OPTIONS (a preflight was answered above) asks what a path takes: what a 405 would list, with no key,
        // since the OpenAPI document tells as much. A path no route has goes on to its 404 (or 401 under /v1).
        router.options().handler(ctx -> {
            String allowed = allowedMethods(router, ctx.normalizedPath());
            if (allowed.isEmpty()) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(204).putHeader("Allow", allowed + ", OPTIONS").end();
            }
        });
        router.route().handler(RequestParams::refuseUndecodableQuery);
        router.route().handler(RequestParams::refusePathParameters);
        router.route().handler(RequestParams::refuseEmptySegments);
        // The load tests' ceiling: the cheapest answer this server can give, so it needs no key.
        read(router, "/v1/ping").handler(Access::refuseKeyInUrl).handler(RequestParams::refuseQueryParameters)
                .handler(h.operations()::ping);
        refuseOtherMethods(router, "/v1/ping", "GET, HEAD");
        // Streams are long-lived by design, so they are declared before the request deadline applies.
        stream(router, "/v1/customers/:customerId/stream", access, AGENT, h.customers()::stream);
        stream(router, "/v1/campaigns/:campaignId/stream", access, MARKETER, h.campaignStats()::stream);
        stream(router, "/v1/stats/campaigns/stream", access, MARKETER, h.campaignStats()::overviewStream);
        router.post("/v1/events").handler(access.authenticateBeacon());
        router.post("/v1/responses").handler(access.authenticateBeacon());
        router.route("/v1/*").handler(access.authenticate()).handler(AcceptedTypes::refuseUnlessJson);
        // Health, metrics and pages stay answerable under load: probes must tell busy from dead.
        router.route("/v1/*").handler(h.shedding()::admit);
        router.route().handler(TimeoutHandler.create(requestTimeoutMs, 503));
        router.route().handler(ctx -> {
            // A peer that forwarded this request waits half the request timeout for the answer (Forwarding): waits
            // for writes here end before that, or the peer answers 503 while this instance is still waiting.
            boolean forwarded = ctx.request().getHeader(Forwarding.HOPS_HEADER) != null;
            ctx.put(AwaitWrite.DEADLINE, System.currentTimeMillis()
                    + (forwarded ? Forwarding.peerTimeoutMs(requestTimeoutMs) : requestTimeoutMs));
            ctx.next();
        });
        // Bodies are read only by the routes that take one, once the key's role is admitted, and only as JSON: on
        // other methods a form's Content-Type made the reader fail (it decodes forms), and forms were decoded, their
        // errors spoken in the decoder's words, before the route could refuse them.
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(bodyLimitBytes);
        io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> body = ctx -> {
            if (JsonBodies.acceptableType(ctx)) {
                reader.handle(ctx);
            }
        };

        router.get("/v1/customers/:customerId/offers").handler(access.allowWithPreview(new Role[] {SITE, AGENT}, MARKETER))
                .handler(h.decisions()::decide);
        withoutQuery(read(router, "/v1/customers/:customerId"), access.allow(AGENT)).handler(h.customers()::profile);
        withoutQuery(router.delete("/v1/customers/:customerId"), access.allow(ADMIN)).handler(h.customers()::erase);
        router.post("/v1/events").handler(access.allow(SITE, AGENT)).handler(RequestParams::refuseQueryParametersButTheKey)
                .handler(body).handler(h.events()::collectEvents);
        router.post("/v1/responses").handler(access.allow(SITE, AGENT))
                .handler(RequestParams::refuseQueryParametersButTheKey).handler(body).handler(h.events()::collectResponses);
        withoutQuery(read(router, "/v1/offers"), access.allow(MARKETER)).handler(h.offers()::list);
        withoutQuery(read(router, "/v1/offers/:offerId"), access.allow(MARKETER)).handler(h.offers()::get);
        withoutQuery(router.put("/v1/offers/:offerId"), access.allow(MARKETER)).handler(body).handler(h.offers()::put);
        withoutQuery(router.delete("/v1/offers/:offerId"), access.allow(MARKETER)).handler(h.offers()::delete);
        withoutQuery(read(router, "/v1/campaigns"), access.allow(MARKETER)).handler(h.campaigns()::list);
        withoutQuery(read(router, "/v1/stats/campaigns"), access.allow(MARKETER)).handler(h.campaignStats()::overview);
        withoutQuery(read(router, "/v1/campaigns/:campaignId/stats"), access.allow(MARKETER))
                .handler(h.campaignStats()::stats);
        withoutQuery(read(router, "/v1/campaigns/:campaignId"), access.allow(MARKETER)).handler(h.campaigns()::get);
        withoutQuery(router.put("/v1/campaigns/:campaignId"), access.allow(MARKETER)).handler(body)
                .handler(h.campaigns()::put);
        withoutQuery(router.delete("/v1/campaigns/:campaignId"), access.allow(MARKETER)).handler(h.campaigns()::delete);
        withoutQuery(read(router, "/v1/admin/config"), access.allow(ADMIN)).handler(h.operations()::configuration);

        router.route("/health/live").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(h.operations()::live);
        router.route("/health/ready").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(h.operations()::ready);
        read(router, "/metrics").handler(h.operations()::metrics);
        read(router, "/openapi.yaml").handler(h.operations()::openApi);
        read(router, "/schemas/v1/:schema").handler(h.operations()::contract);
        read(router, "/call-centre").handler(ctx -> redirectKeepingQuery(ctx, "/ui/call-centre.html"));
        read(router, "/dashboard").handler(ctx -> redirectKeepingQuery(ctx, "/ui/dashboard.html"));
        // The pages' URLs carry no version: a browser may keep them but must ask again, or an upgrade would show
        // the old screens for a day. The webjars' URLs name their version, so those stay cached.
        String pagePolicy = pagePolicy(frameOrigins);
        read(router, "/ui/*").handler(Routes::refuseEscapedFileNames).handler(ctx -> {
            String path = ctx.request().path();
            if (path.equals("/ui") || path.equals("/ui/")) {
                // No page of its own: the index names both screens.
                redirectKeepingQuery(ctx, "/");
                return;
            }
            if (path.endsWith("/")) {
                // The file server would send a page as a download, its type read from a name ending in "/".
                redirectKeepingQuery(ctx, path.substring(0, path.length() - 1));
                return;
            }
            ctx.addHeadersEndHandler(v -> {
                MultiMap headers = ctx.response().headers().set("Cache-Control", "no-cache")
                        .set("Content-Security-Policy", pagePolicy);
                if (frameOrigins.isEmpty()) {
                    // For browsers without frame-ancestors; it cannot name the origins that may frame.
                    headers.set("X-Frame-Options", "DENY");
                }
            });
            ctx.next();
        }).handler(StaticHandler.create("webroot"));
        read(router, "/webjars/*").handler(Routes::refuseEscapedFileNames)
                .handler(StaticHandler.create("META-INF/resources/webjars"));
        read(router, "/").handler(h.operations()::index);

        io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> failures = ctx -> {
            if (ctx.statusCode() == 413) {
                Problems.tooLarge(ctx, bodyLimitBytes);
            } else {
                Problems.handleFailure(ctx);
            }
        };
        router.route().failureHandler(failures);
        // A path that cannot be decoded (%ZZ) fails before any route: it too gets a problem, not plain text.
        router.errorHandler(400, ctx -> Problems.badRequest(ctx, "bad-request", "Bad request",
                "the request could not be read (a path with an invalid %-escape, for example)"));
        router.errorHandler(404, Problems::handleFailure);
        router.errorHandler(405, ctx -> {
            // OPTIONS too, as the plain OPTIONS above answers on every path a route has.
            ctx.response().putHeader("Allow", allowedMethods(router, ctx.normalizedPath()) + ", OPTIONS");
            Problems.handleFailure(ctx);
        });
        router.errorHandler(413, failures);
        router.errorHandler(500, Problems::handleFailure);
        h.metrics().nameRefusedRequestsBy((method, path) -> declaredTemplate(router, method, path));
        return router;
    }

    /** A server-sent event stream: GET only, with its key also accepted in the URL (EventSource sends no headers). */
    private static void stream(Router router, String path, Access access, Role role,
                               io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> handler) {
        router.get(path).handler(access.authenticateStream()).handler(access.allow(role))
                .handler(RequestParams::refuseQueryParametersButTheKey).handler(AcceptedTypes::refuseUnlessEventStream)
                .handler(handler);
        refuseOtherMethods(router, path, "GET");
    }

    /**
     * Routes declared ahead of the key check would leave other methods on their paths to it (a 401 for an open
     * route) or to no route at all (a 404): those get the 405 with Allow that every other route gives.
     */
    private static void refuseOtherMethods(Router router, String path, String allow) {
        router.route(path).handler(ctx -> {
            ctx.response().putHeader("Allow", allow + ", OPTIONS");
            ctx.fail(405);
        });
    }

    /**
     * An API answer speaks of customers (a profile, their offers): no cache between the caller and the service
     * keeps it. Nothing is read as another type than it declares (a JSON body that a browser would sniff as HTML).
     */
    private static void protect(String path, MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        if (path != null && path.startsWith("/v1/") && !headers.contains("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
    }

    private static void varyByOrigin(MultiMap headers) {
        boolean named = headers.getAll("Vary").stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .anyMatch(field -> field.trim().equalsIgnoreCase("Origin"));
        if (!named) {
            headers.add("Vary", "Origin");
        }
    }

    /** Whether the request's Origin names the host and port it was sent to (a page served by this service). */
    private static boolean sameOrigin(io.vertx.ext.web.RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        String host = ctx.request().getHeader("Host");
        if (origin == null || host == null) {
            return false;
        }
        try {
            return host.equalsIgnoreCase(java.net.URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A route admitting the key's role, which takes no query parameter: only the decision route has any (the key
     * aside, where a route takes it in the URL).
     */
    private static io.vertx.ext.web.Route withoutQuery(io.vertx.ext.web.Route route,
                                                       io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> role) {
        return route.handler(role).handler(RequestParams::refuseQueryParameters);
    }

    /** A read without side effects: HEAD answers as GET would, without the body (RFC 9110). */
    private static io.vertx.ext.web.Route read(Router router, String path) {
        return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    /**
     * The template of the route declared above for this method and path; for a method the path does not take (a
     * 405), the template of the path's routes; null if no route has the path.
     */
    private static String declaredTemplate(Router router, HttpMethod method, String path) {
        String otherMethods = null;
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            if (route.methods() != null && pathMatches(route, path)) {
                if (route.methods().contains(method)) {
                    return route.getPath();
                }
                otherMethods = otherMethods == null ? route.getPath() : otherMethods;
            }
        }
        return otherMethods;
    }

    /** What a 405 must list (RFC 9110): the methods of the routes declared above whose path matches. */
    private static String allowedMethods(Router router, String path) {
        java.util.Set<String> allowed = new java.util.TreeSet<>();
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            if (route.methods() != null && pathMatches(route, path)) {
                route.methods().forEach(method -> allowed.add(method.name()));
            }
        }
        return String.join(", ", allowed);
    }

    private static boolean pathMatches(io.vertx.ext.web.Route route, String path) {
        if (route.getPath() == null) {
            return false;
        }
        // A wildcard route ("/ui/*") keeps only its prefix as its path.
        return route.isExactPath() ? templateMatches(route.getPath(), path) : path.startsWith(route.getPath());
    }

    private static boolean templateMatches(String template, String path) {
        String[] wanted = template.split("/", -1);
        String[] actual = path.split("/", -1);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].equals("*")) {
                return true;
            }
            boolean same = i < actual.length && (wanted[i].equals(actual[i])
                    || wanted[i].startsWith(":") && !actual[i].isEmpty());
            if (!same) {
                return false;
            }
        }
        return wanted.length == actual.length;
    }

    /**
     * No file served here has '%' or '\\' in its name; the file server decodes them, so a name ending in "%2F" read
     * as a directory's and was sent as a download.
     */
    private static void refuseEscapedFileNames(io.vertx.ext.web.RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.indexOf('%') >= 0 || path.indexOf('\\') >= 0) {
            ctx.fail(404);
        } else {
            ctx.next();
        }
    }

    private static void redirectKeepingQuery(io.vertx.ext.web.RoutingContext ctx, String page) {
        String query = ctx.request().query();
        ctx.redirect(query == null ? page : page + "?" + query);
    }
}
