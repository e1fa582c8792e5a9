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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who may call what. A key travels in the {@code X-API-Key} header, as {@code Authorization: Bearer <key>},
 * or, for browsers' EventSource which cannot set headers, in the {@code api_key} query parameter.
 */
public final class Access {
    public static final String KEY_HEADER = "X-API-Key";
    public static final String KEY_PARAMETER = "api_key";
    /** Read by the problem renderer to name the roles a refused route admits. */
    public static final String ADMITTED_ROLES = "admittedRoles";
    private static final String BEARER = "Bearer ";

    private final AuthenticationHandler authentication;
    private final String forwardingToken;

    public Access(List<ApiKey> keys) {
        ApiKeyAuthentication provider = new ApiKeyAuthentication(keys);
        this.authentication = ChainAuthHandler.any()
                .add(APIKeyHandler.create(provider).header(KEY_HEADER))
                .add(APIKeyHandler.create(provider).header("Authorization").tokenExtractor(value ->
                        value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                                ? Future.succeededFuture(value.substring(BEARER.length()).trim())
                                : Future.failedFuture("not a bearer token")))
                .add(APIKeyHandler.create(provider).parameter(KEY_PARAMETER));
        this.forwardingToken = ApiKeyAuthentication.digest("forwarding|" + keys.stream().map(ApiKey::secret)
                .sorted().collect(Collectors.joining("|")));
    }

    /** Fails the request with 401 unless it carries a known key. */
    public Handler<RoutingContext> authenticate() {
        return authentication;
    }

    /** Fails the request with 403 unless its key holds one of {@code roles} (admin keys hold them all). */
    public Handler<RoutingContext> allow(Role... roles) {
        OrAuthorization anyOf = OrAuthorization.create();
        for (Role role : roles) {
            anyOf.addAuthorization(RoleBasedAuthorization.create(role.id()));
        }
        AuthorizationHandler check = AuthorizationHandler.create(anyOf);
        String admitted = Arrays.stream(roles).map(Role::id).collect(Collectors.joining(", "));
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
}
