package io.nbo.service.access;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.auth.authorization.OrAuthorization;
import io.vertx.ext.auth.authorization.RoleBasedAuthorization;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.APIKeyHandler;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.AuthorizationHandler;
import io.vertx.ext.web.handler.ChainAuthHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who may call what. A key travels in the {@code X-API-Key} header or as {@code Authorization: Bearer <key>};
 * event streams also take it in the {@code api_key} query parameter, since browsers' EventSource cannot set
 * headers.
 */
public final class Access {
    public static final String KEY_HEADER = "X-API-Key";
    public static final String KEY_PARAMETER = "api_key";
    /** Read by the problem renderer to name the roles a refused route admits. */
    public static final String ADMITTED_ROLES = "admittedRoles";
    public static final String BEARER = "Bearer ";
    private static final String KEY_FROM_URL = "keyFromUrl";
    private static final RoleBasedAuthorization READS_PROFILES = RoleBasedAuthorization.create(Role.AGENT.id());

    private final AuthenticationHandler authentication;
    private final AuthenticationHandler streamAuthentication;
    private final AuthenticationHandler keyInUrl;
    private final String forwardingToken;

    /** @param forwardingSecret shared by a deployment's instances; blank derives it from the keys */
    public Access(List<ApiKey> keys, String forwardingSecret) {
        ApiKeyAuthentication provider = new ApiKeyAuthentication(keys);
        this.authentication = headers(provider);
        this.streamAuthentication = headers(provider).add(APIKeyHandler.create(provider).parameter(KEY_PARAMETER));
        this.keyInUrl = APIKeyHandler.create(provider).parameter(KEY_PARAMETER);
        this.forwardingToken = ApiKeyAuthentication.digest("forwarding|" + (forwardingSecret.isBlank()
                ? keys.stream().map(ApiKey::secret).sorted().collect(Collectors.joining("|")) : forwardingSecret));
    }

    private static ChainAuthHandler headers(ApiKeyAuthentication provider) {
        return ChainAuthHandler.any()
                .add(APIKeyHandler.create(provider).header(KEY_HEADER))
                // Only a 401 lets the chain try the next way; any other failure would end the request as a 500.
                .add(APIKeyHandler.create(provider).header("Authorization").tokenExtractor(value ->
                        value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                                ? Future.succeededFuture(value.substring(BEARER.length()).trim())
                                : Future.failedFuture(new HttpException(401, "not a bearer token"))));
    }

    /**
     * Fails the request with 401 unless a header carries a known key, and with 400 when a key is also or
     * only in the URL: refused even beside a good header, so that a client leaking its key into logs hears
     * of it at once.
     */
    public Handler<RoutingContext> authenticate() {
        return ctx -> {
            if (Boolean.TRUE.equals(ctx.get(KEY_FROM_URL))) {
                if (!SiteKeyLimits.isSiteKey(ctx)) {
                    ctx.fail(400, new IllegalArgumentException("only a site key may travel in the URL (" + KEY_PARAMETER
                            + "), which is public on a shop's pages anyway: send other keys in the " + KEY_HEADER
                            + " header (or Authorization: Bearer <key>), since URLs end up in logs"));
                    return;
                }
                ctx.next();
                return;
            }
            if (refusedKeyInUrl(ctx)) {
                return;
            }
            if (keysInHeaders(ctx) > 1) {
                refuseSecondKey(ctx);
                return;
            }
            authentication.handle(ctx);
        };
    }

    /**
     * Keys in the headers: an X-API-Key line each, and a bearer token. Two could disagree, and which one acts
     * would then depend on the order they are tried in, so more than one is refused whatever they are.
     */
    private static int keysInHeaders(RoutingContext ctx) {
        int bearers = 0;
        for (String authorization : ctx.request().headers().getAll("Authorization")) {
            if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                bearers++;
            }
        }
        return ctx.request().headers().getAll(KEY_HEADER).size() + bearers;
    }

    /** For open routes too: a key sent in their URL would end up in logs all the same. */
    public static void refuseKeyInUrl(RoutingContext ctx) {
        if (!refusedKeyInUrl(ctx)) {
            ctx.next();
        }
    }

    private static boolean refusedKeyInUrl(RoutingContext ctx) {
        if (ctx.request().getParam(KEY_PARAMETER) == null) {
            return false;
        }
        ctx.fail(400, new IllegalArgumentException("a key in the URL (" + KEY_PARAMETER + ") is accepted only by the"
                + " /stream routes, and a site key by the collector (POST /v1/events, /v1/responses), since"
                + " URLs end up in logs: send it in the " + KEY_HEADER + " header (or Authorization: Bearer <key>)"));
        return true;
    }

    private static void refuseSecondKey(RoutingContext ctx) {
        ctx.fail(400, new IllegalArgumentException("send the key once: in the " + KEY_HEADER
                + " header, as Authorization: Bearer <key>, or (streams only) as " + KEY_PARAMETER
                + " in the URL, and in one of them only"));
    }

    /**
     * For the collector, ahead of {@link #authenticate()}: a browser's {@code sendBeacon} posts without headers, so
     * a site key (public on the shop's pages anyway) may come as the {@code api_key} query parameter; the check
     * that follows refuses any other key there.
     */
    public Handler<RoutingContext> authenticateBeacon() {
        return ctx -> {
            if (ctx.request().getParam(KEY_PARAMETER) == null) {
                ctx.next();
                return;
            }
            if (ctx.request().getHeader(KEY_HEADER) != null || ctx.request().getHeader("Authorization") != null
                    || ctx.request().params().getAll(KEY_PARAMETER).size() > 1) {
                ctx.fail(400, new IllegalArgumentException("send the key once: in the " + KEY_HEADER
                        + " (or Authorization) header, or, where no header can be set, as a site key in the URL ("
                        + KEY_PARAMETER + ")"));
                return;
            }
            ctx.put(KEY_FROM_URL, true);
            keyInUrl.handle(ctx);
        };
    }

    /**
     * As {@link #authenticate()}, and also accepts the key as the {@code api_key} query parameter: only for
     * event streams, which browsers open without headers. Elsewhere a key in a URL would end up in logs.
     */
    public Handler<RoutingContext> authenticateStream() {
        return ctx -> {
            if (keysInHeaders(ctx) + ctx.request().params().getAll(KEY_PARAMETER).size() > 1) {
                refuseSecondKey(ctx);
                return;
            }
            streamAuthentication.handle(ctx);
        };
    }

    /**
     * As {@link #allow}, and also admits {@code previewers} to requests that only look ({@code preview=true}):
     * they decide without counting, logging or learning anything.
     */
    public Handler<RoutingContext> allowWithPreview(Role[] roles, Role... previewers) {
        String previewing = Arrays.stream(previewers).map(Role::id).collect(Collectors.joining(", "));
        Handler<RoutingContext> deciding = allow(admitted(roles) + " (" + previewing + " with preview=true)", roles);
        Handler<RoutingContext> looking = allow(java.util.stream.Stream.concat(Arrays.stream(roles),
                Arrays.stream(previewers)).toArray(Role[]::new));
        // A preview value that is neither true nor false passes to the route, whose 400 names it; a marketer
        // still never gets a real decision, since the route decides only with preview absent or false.
        return ctx -> {
            String preview = ctx.request().getParam("preview");
            (preview == null || "false".equals(preview) ? deciding : looking).handle(ctx);
        };
    }

    /**
     * Whether the caller may read customer profiles (agent and admin keys): only they may see an explanation quote
     * a customer's values, which would otherwise hand a public site key, or a marketer, what the profile route
     * refuses them (an attribute's value, a net spend).
     */
    public static boolean readsProfiles(RoutingContext ctx) {
        return ctx.user() != null && READS_PROFILES.match(ctx.user());
    }

    /** Fails the request with 403 unless its key holds one of {@code roles} (admin keys hold them all). */
    public Handler<RoutingContext> allow(Role... roles) {
        return allow(admitted(roles), roles);
    }

    private static String admitted(Role... roles) {
        return java.util.stream.Stream.concat(Arrays.stream(roles), java.util.stream.Stream.of(Role.ADMIN))
                .distinct().map(Role::id).collect(Collectors.joining(", "));
    }

    private static Handler<RoutingContext> allow(String admitted, Role... roles) {
        OrAuthorization anyOf = OrAuthorization.create();
        for (Role role : roles) {
            anyOf.addAuthorization(RoleBasedAuthorization.create(role.id()));
        }
        AuthorizationHandler check = AuthorizationHandler.create(anyOf);
        return ctx -> {
            ctx.put(ADMITTED_ROLES, admitted);
            check.handle(ctx);
        };
    }

    /**
     * A secret every instance configured with the same keys shares, and no client knows: it marks a request
     * as forwarded by a peer, so a client cannot claim to be one to skip routing to the customer's owner.
     */
    public String forwardingToken() {
        return forwardingToken;
    }

    /** Compares in constant time, so answers reveal nothing about how much of a guessed token matched. */
    public static boolean sameToken(String expected, String presented) {
        return presented != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
