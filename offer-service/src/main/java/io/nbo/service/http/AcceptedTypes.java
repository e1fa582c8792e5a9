package io.nbo.service.http;

import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The API answers in JSON only (server-sent events on its streams): a client that asked for something else,
 * say XML, is told so with 406 instead of getting a body it will fail to read further on. The 406 itself is
 * a JSON problem, as RFC 9110 allows, since there is nothing else to say it in.
 */
final class AcceptedTypes {
    private AcceptedTypes() {
    }

    static void refuseUnacceptable(RoutingContext ctx) {
        List<MIMEHeader> accepted = ctx.parsedHeaders().accept();
        boolean stream = ctx.request().path().endsWith("/stream");
        if (accepted.isEmpty() || accepted.stream().anyMatch(type -> type.weight() > 0 && answers(type, stream))) {
            ctx.next();
            return;
        }
        Problems.send(ctx, 406, "not-acceptable", "Not acceptable", "this route answers only in "
                + (stream ? "text/event-stream" : "JSON (application/json, application/problem+json for problems)")
                + ", which the request's Accept header does not allow: it asks for "
                + abbreviate(String.join(", ", ctx.request().headers().getAll("Accept"))));
    }

    private static boolean answers(MIMEHeader type, boolean stream) {
        String component = type.component().toLowerCase(java.util.Locale.ROOT);
        String sub = type.subComponent().toLowerCase(java.util.Locale.ROOT);
        if (component.equals("*")) {
            return true;
        }
        if (stream) {
            return component.equals("text") && (sub.equals("*") || sub.equals("event-stream"));
        }
        return component.equals("application") && (sub.equals("*") || sub.equals("json") || sub.equals("problem+json"));
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
