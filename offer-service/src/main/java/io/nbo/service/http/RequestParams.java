package io.nbo.service.http;

import io.nbo.schemas.validation.Ids;
import io.nbo.service.access.Access;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/** The same identifier rule the contracts use, for path and query parameters. */
final class RequestParams {
    /** Connections that close after the answer in progress; weak, so a closed one is forgotten with it. */
    private static final Set<HttpConnection> ENDING = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private RequestParams() {
    }

    static boolean isId(String value) {
        return Ids.isId(value);
    }

    /** The path parameter {@code name} when it is a valid id; otherwise null, after answering 400. */
    static String pathId(RoutingContext ctx, String name, String label) {
        String value = ctx.pathParam(name);
        if (!isId(value)) {
            refuse(ctx, name, label);
            return null;
        }
        return value;
    }

    /**
     * Routing folds "//" into "/", so {@code /v1/customers//offers} would otherwise ask for the profile of a
     * customer called "offers": an empty segment is a missing id, and gets 400 before any route sees it.
     */
    static void refuseEmptySegments(RoutingContext ctx) {
        if (ctx.request().path().contains("//")) {
            Problems.badRequest(ctx, "invalid-parameter", "Empty path segment",
                    "the path has an empty segment (//): an id is missing from it, or a slash is one too many");
            return;
        }
        ctx.next();
    }

    /**
     * Routing resolves "." and ".." (also written %2E): /v1/customers/../offers would list the catalogue, and
     * /health/../metrics reach what a proxy that passes only /health/ meant to keep in. No id is a dot, so such a
     * segment gets 400 on every route, before any is chosen.
     */
    static void refuseDotSegments(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            ctx.next();
            return;
        }
        for (String segment : path.split("/")) {
            // Six characters are the longest a dot segment can be written in (%2E%2E).
            String dots = segment.length() > 6 ? segment : segment.replace("%2e", ".").replace("%2E", ".");
            if (dots.equals(".") || dots.equals("..")) {
                Problems.badRequest(ctx, "invalid-parameter", "Dot path segment", "the path has a segment '"
                        + dots + "', which names no resource here: ids start with a letter or digit");
                return;
            }
        }
        ctx.next();
    }

    /**
     * A request that arrives on a connection ending with the answer before it (a chunked request's) was sent after
     * that answer's end: it goes unanswered, and the connection closes.
     */
    static void dropOnEndingConnections(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        if (ENDING.contains(connection)) {
            connection.close();
            return;
        }
        ctx.next();
    }

    static void refuseTwoHosts(RoutingContext ctx) {
        if (ctx.request().headers().getAll("Host").size() > 1) {
            // RFC 9112, 3.2: which host was meant cannot be told, and a page's own origin is judged by it.
            Problems.badRequest(ctx, "bad-request", "Bad request", "the request has more than one Host header");
            return;
        }
        ctx.next();
    }

    /**
     * A body framed by a transfer coding other than plain chunked (identity, gzip, an unknown one) is read by
     * the decoder as having no body, and its bytes as the next request: refused, and the connection closed with
     * the answer (RFC 9112, 6.3), so nothing hidden in such a body is ever run.
     */
    static void refuseUnknownTransferCoding(RoutingContext ctx) {
        java.util.List<String> codings = ctx.request().headers().getAll("Transfer-Encoding");
        if (codings.isEmpty()) {
            ctx.next();
            return;
        }
        // Several lines are one list (a coding split over two would otherwise pass as chunked).
        String coding = String.join(", ", codings);
        if (coding.trim().equalsIgnoreCase("chunked")) {
            // A chunked body that also came with a Content-Length (which the decoder drops before anyone sees it)
            // may be read the other way by a proxy in front, and what one of them takes for the next request hidden
            // in the body: the connection ends with the answer (RFC 9112, 6.1). Clients rarely chunk a request.
            HttpConnection connection = ctx.request().connection();
            ENDING.add(connection);
            ctx.response().putHeader("Connection", "close");
            // A body that fails to arrive whole ends the handlers first, and the answer saying so closes the
            // connection itself; one refused before it was read is closed once it has come (Problems).
            ctx.addEndHandler(done -> {
                if (done.succeeded() && ctx.request().isEnded()) {
                    Problems.closeNow(connection);
                }
            });
            ctx.next();
            return;
        }
        Problems.closeAfterAnswer(ctx);
        Problems.badRequest(ctx, "bad-request", "Bad request", "Transfer-Encoding " + JsonBodies.abbreviate(coding)
                + " is not supported: send the body plain with a Content-Length, or chunked");
    }

    /**
     * For routes that take no query parameters (the key aside, which {@link io.nbo.service.access.Access} judges): a
     * client that believes in one ({@code ?limit=10} on a list) is told, instead of getting what it did not ask for.
     */
    static void refuseQueryParameters(RoutingContext ctx) {
        refuseQueryParameters(ctx, false);
    }

    /** For the routes that take a key in the URL (the streams, the collector): the answer must not deny it. */
    static void refuseQueryParametersButTheKey(RoutingContext ctx) {
        refuseQueryParameters(ctx, true);
    }

    private static void refuseQueryParameters(RoutingContext ctx, boolean takesKey) {
        var parameters = literalQuery(ctx);
        // Here with a key in the URL, the route took it there.
        boolean keyInUrl = takesKey
                || parameters.stream().anyMatch(p -> p.getKey().equalsIgnoreCase(Access.KEY_PARAMETER));
        for (var parameter : parameters) {
            if (!parameter.getKey().equalsIgnoreCase(Access.KEY_PARAMETER)) {
                Problems.badRequest(ctx, "invalid-parameter", "Unknown parameter", "'"
                        + JsonBodies.abbreviate(parameter.getKey()) + "' is not a parameter of this route, which takes"
                        + (keyInUrl ? " none but the key (" + Access.KEY_PARAMETER + ")" : " none"));
                return;
            }
        }
        ctx.next();
    }

    /**
     * No route takes path parameters ({@code ;name=value}): no id contains ';'. Refused before the key is looked at,
     * since what follows the ';' may well be a key, which must then not come back in an answer or a log.
     */
    static void refusePathParameters(RoutingContext ctx) {
        if (ctx.request().path() != null && ctx.request().path().indexOf(';') >= 0) {
            Problems.badRequest(ctx, "invalid-parameter", "Path parameters not accepted", "this API takes no path"
                    + " parameters (';'): ids never contain one, and a key belongs in the " + Access.KEY_HEADER
                    + " header");
            return;
        }
        ctx.next();
    }

    /** A query string that cannot be decoded (a stray %) fails in whatever reads it first: answered here instead. */
    static void refuseUndecodableQuery(RoutingContext ctx) {
        try {
            ctx.queryParams();
        } catch (IllegalArgumentException | io.vertx.ext.web.handler.HttpException e) {
            Problems.badRequest(ctx, "bad-request", "Bad request",
                    "the query string could not be read (an invalid %-escape: write a literal % as %25)");
            return;
        }
        ctx.next();
    }

    /**
     * The query's parameters as written, in order: names decoded, and values decoded with {@code +} read as a
     * plus. Ids may contain one, while the query decoder reads it as a space, as HTML forms write spaces (which
     * no id or other value of this API contains, so none is lost); and the decoder compares names ignoring case.
     */
    static java.util.List<java.util.Map.Entry<String, String>> literalQuery(RoutingContext ctx) {
        String query = ctx.request().query();
        if (query == null || query.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<java.util.Map.Entry<String, String>> parameters = new java.util.ArrayList<>();
        // Split and skipped as the query decoder does: ; separates too, and an empty pair is no parameter.
        for (String pair : query.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1).replace("+", "%2B"));
            parameters.add(java.util.Map.entry(name, value));
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Not reached after refuseUndecodableQuery; kept as written, the text then fails the id rule.
            return text;
        }
    }

    static void refuse(RoutingContext ctx, String name, String label) {
        Problems.badRequest(ctx, "invalid-parameter", "Invalid " + label,
                name + " must be " + Ids.RULE);
    }
}
