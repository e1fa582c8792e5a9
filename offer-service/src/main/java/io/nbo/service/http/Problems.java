package io.nbo.service.http;

import io.nbo.service.access.Access;
import io.nbo.service.state.StateUnavailableException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way errors leave the service: RFC 9457 problem JSON with {@code type}, {@code title},
 * {@code status} and {@code detail}. Clients never see a stack trace; unexpected failures are logged here.
 */
public final class Problems {
    private static final long LINGER_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final String TYPE_BASE = "/problems/";
    static final int RETRY_AFTER_SECONDS = 1;
    private static final String HOST_NAMES_NO_HOST = "the Host header is missing, or names no host (host or host:port)";

    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        send(ctx, status, slug, title, detail, new JsonObject());
    }

    public static void send(RoutingContext ctx, int status, String slug, String title, String detail,
                            JsonObject extensions) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        JsonObject problem = problem(status, slug, title, detail).put("instance", asUri(ctx.request().path()));
        problem.mergeIn(extensions);
        if (status == 503) {
            ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        boolean refusedBeforeBody = status < 500 && bodyUnread(ctx.request());
        if (refusedBeforeBody) {
            // Refused before its body was read (a key, a size, a type): a client that declared a large body and
            // sends it slowly, or never, would otherwise hold the connection until it went idle. Not a 503: a
            // client told to come back soon keeps its connection, rather than reconnect into an overload.
            ctx.response().putHeader("Connection", "close");
            ctx.addEndHandler(done -> lingerThenClose(ctx));
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
        if (refusedBeforeBody) {
            flush(ctx.request().connection());
        }
    }

    /**
     * Written while the request is read, an answer waits for the read to finish; a broken body in that same read
     * fails the connection, which then closes without it. Flushed, it goes out whatever follows. Vert.x offers no
     * flush of its own: this is its internal connection class, to check on every Vert.x upgrade (the tests that
     * send a broken body after a refusal fail without it).
     */
    private static void flush(HttpConnection connection) {
        if (connection instanceof VertxConnection written) {
            written.flush();
        }
    }

    /** Closes the connection once what was written to it has gone out. */
    static void closeNow(HttpConnection connection) {
        flush(connection);
        connection.close();
    }

    /**
     * The path as a URI reference, which {@code instance} is (RFC 9457): the decoder hands over the request line's
     * bytes as Latin-1 characters, so a raw UTF-8 é would read as "Ã©"; each such byte is written %-escaped.
     */
    static String asUri(String path) {
        if (path == null) {
            return null;
        }
        StringBuilder uri = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ';' || c == '%' && path.regionMatches(true, i, "%3B", 0, 3)) {
                // A path parameter names no resource, and may carry a key: left out, up to the next segment.
                int next = path.indexOf('/', i);
                i = (next < 0 ? path.length() : next) - 1;
                continue;
            }
            // Latin-1 from the decoder: every character is one byte of the line.
            uri.append(pathCharacter(path, i) ? String.valueOf(c) : String.format("%%%02X", c & 0xff));
        }
        return uri.toString();
    }

    /**
     * Whether the character at {@code i} may stand in a URI's path as it is (RFC 3986: unreserved, sub-delims,
     * ":", "@", "/", and "%" where it starts an escape).
     */
    private static boolean pathCharacter(String path, int i) {
        char c = path.charAt(i);
        if (c == '%') {
            return i + 2 < path.length() && hex(path.charAt(i + 1)) && hex(path.charAt(i + 2));
        }
        return c > 0x20 && c < 0x7f && "\"<>\\^`{|}[]#?".indexOf(c) < 0;
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /**
     * Closes the connection once the client has sent the rest of the body, or after {@link #LINGER_MS} at most.
     * Closed at once while the client is still sending (an oversized batch), the kernel answers the unread bytes
     * with a reset, which can throw away the answer before the client reads it: it would see a broken connection,
     * not the 413 that says why.
     */
    private static void lingerThenClose(RoutingContext ctx) {
        io.vertx.core.http.HttpConnection connection = ctx.request().connection();
        ctx.vertx().setTimer(LINGER_MS, id -> connection.close());
        try {
            ctx.request().handler(dropped -> { }).endHandler(ended -> connection.close()).resume();
        } catch (IllegalStateException alreadyRead) {
            connection.close();
        }
    }

    /** A request is paused until a route reads it, so one without a body is not "ended" either. */
    private static boolean bodyUnread(io.vertx.core.http.HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        boolean hasBody = request.getHeader("Transfer-Encoding") != null || length != null && !length.equals("0");
        return hasBody && !request.isEnded();
    }

    /**
     * Answers what the HTTP decoder could not read (a request line or headers over the server's limits, a
     * malformed request), which never reaches the router: as a problem too, not an empty body. The server
     * closes the connection afterwards.
     */
    public static io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> unreadableRequests(boolean anyOrigin) {
        return request -> unreadableRequest(request, anyOrigin);
    }

    /** A Host header that names no host, answered before routing (which cannot read it). */
    static void unreadableHost(io.vertx.core.http.HttpServerRequest request) {
        request.response().setStatusCode(400)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Connection", "close")
                .end(problem(400, "bad-request", "Bad request", HOST_NAMES_NO_HOST).encode());
    }

    static void unreadableRequest(io.vertx.core.http.HttpServerRequest request, boolean anyOrigin) {
        Throwable cause = request.decoderResult().cause();
        int status = 400;
        String slug = "bad-request";
        String title = "Bad request";
        String detail = "the request could not be read as HTTP";
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            status = 414;
            slug = "uri-too-long";
            title = "URI too long";
            detail = "the request line exceeds the server's limit; ids and parameters are short";
        } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            status = 431;
            slug = "headers-too-large";
            title = "Request header fields too large";
            detail = "the request's headers exceed the server's limit";
        }
        // The Origin header went unread with the rest: where every origin may call, any page may read this answer.
        if (anyOrigin) {
            request.response().putHeader("Access-Control-Allow-Origin", "*");
        }
        request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Connection", "close")
                .end(problem(status, slug, title, detail).encode());
    }

    /**
     * Ends the connection with the answer about to be sent: what the client sends next on it cannot be told from
     * the rest of a body this answer refused.
     */
    static void closeAfterAnswer(RoutingContext ctx) {
        // The response's own end handler closes the connection (one added beside the router's did not get the answer
        // out before the connection closed, for a malformed chunked body). It takes the router's place, so the
        // request's in-flight slot is given back here, and these few refusals go unmeasured.
        LoadShedding.release(ctx);
        ctx.response().putHeader("Connection", "close").endHandler(done -> ctx.request().connection().close());
    }

    /** Whether the HTTP decoder failed on the body's framing (a chunk size that is no number, for one). */
    private static boolean unreadableFraming(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.netty.handler.codec.DecoderException) {
                return true;
            }
            StackTraceElement[] frames = cause.getStackTrace();
            if (frames.length > 0 && frames[0].getClassName().startsWith("io.netty.handler.codec.http.")) {
                return true;
            }
        }
        return false;
    }

    private static JsonObject problem(int status, String slug, String title, String detail) {
        return new JsonObject().put("type", TYPE_BASE + slug).put("title", title).put("status", status)
                .put("detail", detail);
    }

    public static void badRequest(RoutingContext ctx, String slug, String title, String detail) {
        send(ctx, 400, slug, title, detail);
    }

    public static void unavailable(RoutingContext ctx, String detail) {
        send(ctx, 503, "unavailable", "Service temporarily unavailable", detail);
    }

    /** Renders whatever failed a route: known HTTP errors by their status, anything else as a logged 500. */
    public static void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (ctx.response().ended()) {
            // Answered already: a refusal before a body that then failed to arrive whole is on its way, and closes
            // the connection after it. Anything else failing after its answer is worth knowing.
            if (failure != null && !unreadableFraming(failure)) {
                LOG.warn("Failure after the answer to {} {}", ctx.request().method(), ctx.request().path(), failure);
            }
            return;
        }
        if (failure instanceof StateUnavailableException unavailable) {
            unavailable(ctx, unavailable.getMessage());
            return;
        }
        if (unreadableFraming(failure)) {
            // What follows on the connection cannot be told from the rest of this body: it ends with the answer.
            closeAfterAnswer(ctx);
            badRequest(ctx, "bad-request", "Bad request",
                    "the request body could not be read as HTTP (a malformed chunked encoding, for example)");
            return;
        }
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
        }
        switch (status) {
            case 400 -> badRequest(ctx, "bad-request", "Bad request",
                    failure == null || failure.getMessage() == null ? "the request could not be read"
                            // The router's own words, which an invalid Host (a space in it, say) also gets.
                            : failure.getMessage().contains("'Host' header is required")
                            ? HOST_NAMES_NO_HOST : failure.getMessage());
            case 401 -> {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"nbo\"");
                boolean stream = ctx.request().path().endsWith("/stream");
                String authorization = ctx.request().getHeader("Authorization");
                // The header's trailing space is gone by the time it is read: "Bearer" alone names no key.
                boolean bearerAlone = authorization != null && authorization.strip().equalsIgnoreCase(Access.BEARER.strip());
                boolean notBearer = authorization != null && !bearerAlone
                        && !authorization.regionMatches(true, 0, Access.BEARER, 0, Access.BEARER.length());
                String key = ctx.request().getHeader(Access.KEY_HEADER);
                boolean bearerInKeyHeader = key != null
                        && key.regionMatches(true, 0, Access.BEARER, 0, Access.BEARER.length());
                send(ctx, 401, "unauthorized", "API key missing or not valid", "send a valid key in the "
                        + Access.KEY_HEADER + " header (or Authorization: Bearer <key>"
                        + (stream ? ", or the api_key query parameter)" : ")")
                        + (notBearer ? "; the Authorization header given does not start with 'Bearer '" : "")
                        + (bearerAlone ? "; the Authorization header given says Bearer but holds no key" : "")
                        + (bearerInKeyHeader ? "; the " + Access.KEY_HEADER + " header takes the key alone, without"
                        + " 'Bearer '" : ""));
            }
            case 403 -> {
                if (failure != null && failure.getMessage() != null && failure.getMessage().startsWith("CORS")) {
                    // Refused for the page's origin, before any key was looked at.
                    send(ctx, 403, "origin-not-allowed", "Origin not allowed", "pages from origin "
                            + ctx.request().getHeader("Origin") + " may not call this service; CORS_ORIGINS lists"
                            + " the origins that may");
                    return;
                }
                send(ctx, 403, "forbidden", "Role not admitted", "this key's role may not "
                        + ctx.request().method() + " " + ctx.request().path() + "; admitted roles: "
                        + ctx.get(Access.ADMITTED_ROLES, "admin"));
            }
            case 404 -> send(ctx, 404, "not-found", "Not found", "no route for " + ctx.request().method() + " "
                    + ctx.request().path());
            case 405 -> send(ctx, 405, "method-not-allowed", "Method not allowed",
                    ctx.request().method() + " is not supported on " + ctx.request().path() + allowed(ctx));
            case 415 -> send(ctx, 415, "unsupported-media-type", "Unsupported media type",
                    "send application/json");
            case 503 -> {
                if (!ctx.request().isEnded()) {
                    // The deadline ran out while the body was still arriving: the client's doing, not overload.
                    // The rest of that body would be read as the next request: the connection ends with this answer.
                    closeAfterAnswer(ctx);
                    send(ctx, 408, "request-timeout", "Request timeout", "the request body did not arrive within "
                            + "the deadline (a Content-Length larger than the body sent, or a stalled upload)");
                    return;
                }
                unavailable(ctx, "the request did not finish within its deadline");
            }
            case 416 -> send(ctx, 416, "range-not-satisfiable", "Range not satisfiable", "the Range header asks for"
                    + " bytes the file does not hold, or cannot be read (bytes=first-last, first no greater than last):"
                    + " ask without it for the whole file");
            case 417 -> send(ctx, 417, "expectation-failed", "Expectation failed", "Expect: "
                    + JsonBodies.abbreviate(String.valueOf(ctx.request().getHeader("Expect")))
                    + " is not supported; the one expectation this server meets is 100-continue");
            default -> {
                if (status >= 400 && status < 500) {
                    send(ctx, status, "client-error", "Request refused", "the request was refused with status "
                            + status + (failure == null || failure.getMessage() == null ? "" : ": "
                            + failure.getMessage()));
                    return;
                }
                LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
                send(ctx, 500, "internal-error", "Internal error",
                        "the request failed unexpectedly; it has been logged");
            }
        }
    }

    /** A body over the limit: says the limit, so the client knows how far to split its batch. */
    static void tooLarge(RoutingContext ctx, long limitBytes) {
        // Only a batch can be split; an offer or campaign that large is a mistake to point at.
        boolean batch = ctx.normalizedPath().startsWith("/v1/events") || ctx.normalizedPath().startsWith("/v1/responses");
        send(ctx, 413, "body-too-large", "Request body too large", "the body exceeds the limit of " + limitBytes
                + " bytes (BODY_LIMIT_BYTES)" + (batch ? ": send a large batch in parts" : ""));
    }

    /** The methods the path takes, and for a POST to a catalogue list how to write one, as most APIs create with POST. */
    private static String allowed(RoutingContext ctx) {
        String allow = ctx.response().headers().get("Allow");
        String takes = allow == null || allow.isEmpty() ? "" : " (it takes " + allow + ")";
        if (ctx.request().method() != HttpMethod.POST) {
            return takes;
        }
        String path = ctx.normalizedPath();
        return takes + switch (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) {
            case "/v1/offers" -> "; create or replace an offer with PUT /v1/offers/{offerId}";
            case "/v1/campaigns" -> "; create or replace a campaign with PUT /v1/campaigns/{campaignId}";
            default -> "";
        };
    }
}
