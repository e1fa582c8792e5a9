package io.nbo.service.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The API answers in JSON only (server-sent events on its streams): a client that asked for something else,
 * say XML, is told so with 406 instead of getting a body it will fail to read further on. The 406 itself is
 * a JSON problem, as RFC 9110 allows, since there is nothing else to say it in.
 */
final class AcceptedTypes {
    private static final String JSON = "JSON (application/json, application/problem+json for problems)";
    private static final String EVENT_STREAM = "server-sent events (text/event-stream)";

    private AcceptedTypes() {
    }

    static void refuseUnlessJson(RoutingContext ctx) {
        refuseUnless(ctx, false);
    }

    static void refuseUnlessEventStream(RoutingContext ctx) {
        refuseUnless(ctx, true);
    }

    private static void refuseUnless(RoutingContext ctx, boolean stream) {
        java.util.List<String> headers = ctx.request().headers().getAll("Accept");
        String accept = headers.isEmpty() ? null : String.join(",", headers);
        // An empty Accept reads as none sent, as most servers take it: a client that names nothing asks for nothing.
        if (accept == null || accept.isBlank() || allows(accept, stream)) {
            ctx.next();
            return;
        }
        Problems.send(ctx, 406, "not-acceptable", "Not acceptable", "this route answers only in "
                + (stream ? EVENT_STREAM : JSON) + ", which the request's Accept header does not allow: it asks for "
                + abbreviate(accept));
    }

    /**
     * Whether a media range of {@code accept} with a weight above 0 covers what the route answers in. Read here
     * rather than by Vert.x's parser, which takes only the first Accept header, rounds q=0.001 down to 0, and keeps
     * the space in "application/json ;q=0.5" as part of the type.
     */
    static boolean allows(String accept, boolean stream) {
        for (String range : accept.split(",")) {
            String[] parts = range.split(";", -1);
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty() || refusedByWeight(parts)) {
                continue;
            }
            boolean covers = stream ? type.equals("*/*") || type.equals("text/*") || type.equals("text/event-stream")
                    : type.equals("*/*") || type.equals("application/*") || type.equals("application/json")
                    || type.equals("application/problem+json");
            if (covers) {
                return true;
            }
        }
        return false;
    }

    /** q=0 means "not this"; a weight that cannot be read counts as none given. */
    private static boolean refusedByWeight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip()) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
