package io.nbo.schemas.validation;

import java.util.regex.Pattern;

/**
 * The id rule of {@code common.schema.json#/$defs/id}, for ids that arrive outside a JSON body: URL paths and
 * record keys.
 */
public final class Ids {
    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$");
    public static final String RULE = "1-128 characters of letters, digits and ._:@/+=-, starting with a letter or digit";

    private Ids() {
    }

    public static boolean isId(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
