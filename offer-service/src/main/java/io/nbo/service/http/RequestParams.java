package io.nbo.service.http;

import java.util.regex.Pattern;

/** The same identifier rule the contracts use, for path and query parameters. */
final class RequestParams {
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$");

    private RequestParams() {
    }

    static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
