package io.nbo.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Optional;

/** Reads a request body as JSON with the shared mapper (nesting-depth limit included). */
final class JsonBodies {
    private JsonBodies() {
    }

    /** The parsed body, or empty after a 400 problem has been sent. */
    static Optional<JsonNode> read(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.length() == 0) {
            Problems.badRequest(ctx, "empty-body", "Empty body", "the request needs a JSON body");
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readTree(body.getBytes()));
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage();
            int newline = message.indexOf('\n');
            Problems.badRequest(ctx, "malformed-json", "Malformed JSON",
                    "the body is not valid JSON: " + (newline < 0 ? message : message.substring(0, newline)));
            return Optional.empty();
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    static int maxEventBytes() {
        return EventCodec.MAX_EVENT_BYTES;
    }
}
