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
        // Checked first: a form's fields are taken out of the body, which would then read as missing.
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !isJson(type)) {
            Problems.send(ctx, 415, "unsupported-media-type", "Unsupported media type", "the body must be JSON"
                    + " (Content-Type application/json), got " + abbreviate(type));
            return Optional.empty();
        }
        if (type != null && !isUtf8(type)) {
            Problems.send(ctx, 415, "unsupported-media-type", "Unsupported media type",
                    "the body must be UTF-8 (JSON's encoding), got " + abbreviate(type));
            return Optional.empty();
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.length() == 0) {
            Problems.badRequest(ctx, "empty-body", "Empty body", "the request needs a JSON body");
            return Optional.empty();
        }
        try {
            return Optional.of(Json.untrustedReader().readTree(body.getBytes()));
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage();
            int newline = message.indexOf('\n');
            String reason = newline < 0 ? message : message.substring(0, newline);
            // Nesting past the reader's limit is valid JSON, only too deep to read.
            Problems.badRequest(ctx, "malformed-json", "Malformed JSON",
                    e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException
                            ? "the body nests too deeply to be read (at most 32 levels of objects and arrays)"
                            : "the body is not valid JSON: " + reason);
            return Optional.empty();
        }
    }

    /** JSON media types, and text/plain: what browsers' sendBeacon sends to skip a CORS preflight. */
    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/plain");
    }

    /** No charset parameter, or UTF-8 (RFC 8259: JSON exchanged between systems is UTF-8). */
    private static boolean isUtf8(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "");
                return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
            }
        }
        return true;
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

    static int maxEventBytes() {
        return EventCodec.MAX_EVENT_BYTES;
    }
}
