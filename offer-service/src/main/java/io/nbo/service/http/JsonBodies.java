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

    /**
     * Answers 415 for a body that is not JSON, before it is read (a form would be decoded by the body reader, and
     * its errors spoken in the decoder's words); true when the body may be read.
     */
    static boolean acceptableType(RoutingContext ctx) {
        if (ctx.request().headers().getAll("Content-Type").size() > 1) {
            // Which one the body is in cannot be told; a proxy in front may have read it by the other.
            Problems.badRequest(ctx, "bad-request", "Bad request", "the request has more than one Content-Type header");
            return false;
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !isJson(type)) {
            Problems.send(ctx, 415, "unsupported-media-type", "Unsupported media type", "the body must be JSON"
                    + " (Content-Type application/json), got " + (type.isBlank() ? "an empty Content-Type"
                    : abbreviate(type)));
            return false;
        }
        // A compressed body would otherwise be read as it came: as bytes that are no JSON, or, where the header
        // lied, accepted as if it meant nothing.
        String coding = String.join(", ", ctx.request().headers().getAll("Content-Encoding"));
        if (!coding.isBlank() && !coding.trim().equalsIgnoreCase("identity")) {
            Problems.send(ctx, 415, "unsupported-media-type", "Unsupported content coding", "Content-Encoding "
                    + abbreviate(coding) + " is not supported: send the body uncompressed");
            return false;
        }
        if (type != null && !isUtf8(type)) {
            Problems.send(ctx, 415, "unsupported-media-type", "Unsupported media type",
                    "the body must be UTF-8 (JSON's encoding), got " + abbreviate(type));
            return false;
        }
        return true;
    }

    /**
     * Runs {@code check} of the body read, then {@code then} with its outcome on the request's event loop. A large
     * body is checked on a worker thread: a megabyte of events or rules against their contracts took a third of a
     * second, and decisions waiting behind it on the same loop took as long.
     */
    static <T> void checked(RoutingContext ctx, java.util.concurrent.Callable<T> check,
                            java.util.function.Consumer<T> then) {
        if (ctx.body().length() <= CHECKED_ON_THE_LOOP_BYTES) {
            T outcome;
            try {
                outcome = check.call();
            } catch (Exception e) {
                ctx.fail(e);
                return;
            }
            then.accept(outcome);
            return;
        }
        ctx.vertx().executeBlocking(check, false).onComplete(outcome -> {
            if (ctx.response().ended()) {
                return;
            }
            if (outcome.failed()) {
                ctx.fail(outcome.cause());
            } else {
                then.accept(outcome.result());
            }
        });
    }

    /** Larger bodies are checked off the event loop; smaller ones cost less than the hand-over. */
    static final int CHECKED_ON_THE_LOOP_BYTES = 64 * 1024;

    /** The parsed body, or empty after a 400 problem has been sent. */
    static Optional<JsonNode> read(RoutingContext ctx) {
        if (!acceptableType(ctx)) {
            return Optional.empty();
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        JsonNode parsed;
        try {
            parsed = body == null ? null : Json.untrustedReader().readTree(body.getBytes());
        } catch (IOException e) {
            Problems.badRequest(ctx, "malformed-json", "Malformed JSON", unreadable(e, body.getBytes()));
            return Optional.empty();
        }
        if (parsed == null || parsed.isMissingNode()) {
            Problems.badRequest(ctx, "empty-body", "Empty body", "the request needs a JSON body");
            return Optional.empty();
        }
        return Optional.of(parsed);
    }

    /** Why the body could not be read, in the reader's terms where they are plain, in ours where they are not. */
    private static String unreadable(IOException e, byte[] body) {
        String message = e.getMessage() == null ? "unreadable" : e.getMessage();
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            // Valid JSON, only past one of the reader's limits.
            if (message.startsWith("Number value length")) {
                return "a number in the body has more digits than can be read (at most 1000)";
            }
            if (message.startsWith("Name length") || message.startsWith("String value length")) {
                return "a field name or text in the body is longer than can be read";
            }
            return "the body nests too deeply to be read (at most 32 levels of objects and arrays)";
        }
        return "the body is not valid JSON: " + io.nbo.schemas.json.JsonErrors.describe(e, body);
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
