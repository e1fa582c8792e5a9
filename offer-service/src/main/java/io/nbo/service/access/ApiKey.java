package io.nbo.service.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One secret and the role it grants. {@link #toString()} never shows the secret. */
public record ApiKey(Role role, String secret) {
    static final int MIN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKey {
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the " + role.id() + " key is shorter than " + MIN_LENGTH
                    + " characters");
        }
        if (!secret.chars().allMatch(c -> c > ' ' && c < 127 && c != ',')) {
            throw new IllegalArgumentException("the " + role.id() + " key must be printable ASCII without spaces "
                    + "or commas");
        }
    }

    /** Parses {@code role:secret,role:secret}; a role may have several keys, so keys can be rotated. */
    public static List<ApiKey> parseList(String value) {
        List<ApiKey> keys = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return keys;
        }
        for (String entry : value.split(",")) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("entries look like role:key, got one without ':'");
            }
            keys.add(new ApiKey(Role.fromId(entry.substring(0, colon)), entry.substring(colon + 1).trim()));
        }
        if (keys.stream().map(ApiKey::secret).distinct().count() < keys.size()) {
            throw new IllegalArgumentException("the same key is listed twice");
        }
        return keys;
    }

    /** One fresh random key per role, for the embedded demo when no keys are configured. */
    public static List<ApiKey> generateOnePerRole() {
        List<ApiKey> keys = new ArrayList<>();
        for (Role role : Role.values()) {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            keys.add(new ApiKey(role, role.id() + "-" + HexFormat.of().formatHex(bytes)));
        }
        return keys;
    }

    @Override
    public String toString() {
        return "ApiKey[" + role.id() + "]";
    }
}
