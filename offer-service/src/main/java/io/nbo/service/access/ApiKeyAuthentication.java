package io.nbo.service.access;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.authorization.Authorization;
import io.vertx.ext.auth.authorization.RoleBasedAuthorization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a presented API key into a user holding the key's role (an admin key holds every role).
 * Keys are kept only as SHA-256 digests, so the lookup time says nothing about how much of a key matched.
 */
public final class ApiKeyAuthentication implements AuthenticationProvider {
    static final String PROVIDER_ID = "api-keys";
    private final Map<String, Role> rolesByDigest = new HashMap<>();
    /** What each role is granted, built once: every request to /v1 is authenticated. */
    private final Map<Role, Set<Authorization>> grants = new EnumMap<>(Role.class);

    public ApiKeyAuthentication(List<ApiKey> keys) {
        for (ApiKey key : keys) {
            rolesByDigest.put(digest(key.secret()), key.role());
        }
        for (Role role : Role.values()) {
            Set<Role> granted = role == Role.ADMIN ? EnumSet.allOf(Role.class) : EnumSet.of(role);
            grants.put(role, granted.stream()
                    .map(r -> (Authorization) RoleBasedAuthorization.create(r.id()))
                    .collect(Collectors.toUnmodifiableSet()));
        }
    }

    @Override
    public Future<User> authenticate(Credentials credentials) {
        if (!(credentials instanceof TokenCredentials token) || token.getToken() == null) {
            return Future.failedFuture("an API key is required");
        }
        Role role = rolesByDigest.get(digest(token.getToken().trim()));
        if (role == null) {
            return Future.failedFuture("the API key is not valid");
        }
        User user = User.create(new JsonObject().put("sub", role.id() + "-key").put("role", role.id()));
        // A copy: the set belongs to this request's user from here on.
        user.authorizations().put(PROVIDER_ID, new HashSet<>(grants.get(role)));
        return Future.succeededFuture(user);
    }

    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
