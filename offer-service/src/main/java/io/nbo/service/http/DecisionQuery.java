package io.nbo.service.http;

import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.service.access.Access;
import io.nbo.service.state.ReadPosition;
import io.nbo.service.state.ReadToken;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The validated parameters of a decision request; parsing answers 400 itself and returns null. {@code quotesFacts}:
 * whether the caller may see explanations quote the customer's values (a key that may read profiles).
 */
record DecisionQuery(String customerId, String channel, String placement, int limit, boolean explain,
                     boolean preview, ReadToken after, String requestId, boolean quotesFacts, Long at) {

    private static final Set<String> EVENT_TOPICS = io.nbo.schemas.topics.Topics.eventTopicNames();
    private static final List<String> PARAMETERS = List.of("channel", "placement", "limit", "explain", "preview",
            "after", "requestId", "at");
    private static final long EARLIEST_AT = java.time.Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long LATEST_AT = java.time.Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

    static DecisionQuery parse(RoutingContext ctx, int defaultLimit, Set<String> channels, int partitions) {
        String customerId = RequestParams.pathId(ctx, "customerId", "customer id");
        if (customerId == null) {
            return null;
        }
        // One reading of the query for every parameter: two decoders had disagreed on what it said.
        java.util.Map<String, List<String>> given = new java.util.HashMap<>();
        for (var parameter : RequestParams.literalQuery(ctx)) {
            String name = parameter.getKey();
            given.computeIfAbsent(name, n -> new ArrayList<>()).add(parameter.getValue());
            if (!PARAMETERS.contains(name)) {
                // A misspelt parameter would otherwise decide, and count, as if it had not been given.
                Problems.badRequest(ctx, "invalid-parameter", "Unknown parameter", "'" + JsonBodies.abbreviate(name)
                        + "' is not a parameter of this route, which takes " + String.join(", ", PARAMETERS));
                return null;
            }
        }
        for (String name : PARAMETERS) {
            if (given.getOrDefault(name, List.of()).size() > 1) {
                // Which of two limits or channels was meant cannot be told: neither is guessed.
                Problems.badRequest(ctx, "invalid-parameter", "Repeated " + name, name + " may be given once");
                return null;
            }
        }
        String channel = value(given, "channel") == null ? "web" : value(given, "channel");
        if (!channels.contains(channel)) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid channel",
                    "channel must be one of " + String.join(", ", channels.stream().sorted().toList()));
            return null;
        }
        String placement = value(given, "placement");
        if (placement != null && !RequestParams.isId(placement)) {
            RequestParams.refuse(ctx, "placement", "placement");
            return null;
        }
        Integer limit = parseLimit(value(given, "limit"), defaultLimit);
        if (limit == null) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid limit",
                    "limit must be a whole number from 1 to " + DecisionRequest.MAX_LIMIT);
            return null;
        }
        Boolean explain = flag(ctx, "explain", value(given, "explain"));
        Boolean preview = explain == null ? null : flag(ctx, "preview", value(given, "preview"));
        if (preview == null) {
            return null;
        }
        String afterText = value(given, "after");
        ReadToken after = afterText == null ? null : ReadToken.parse(afterText);
        if (afterText != null && after == null) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid after",
                    "after must be the readAfter token of an events answer: topic:partition:offset items, comma-separated");
            return null;
        }
        String foreign = after == null ? null : ReadPosition.foreignness(after.position(), EVENT_TOPICS, partitions).orElse(null);
        if (foreign != null) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid after", foreign);
            return null;
        }
        String requestId = value(given, "requestId");
        if (requestId != null && !RequestParams.isId(requestId)) {
            RequestParams.refuse(ctx, "requestId", "requestId");
            return null;
        }
        Long at = at(ctx, value(given, "at"), preview);
        if (at != null && at < 0) {
            return null;
        }
        return new DecisionQuery(customerId, channel, placement, limit, explain, preview, after, requestId,
                Access.readsProfiles(ctx), at);
    }

    /**
     * A preview's moment other than now (a campaign before its start, an evening-only rule at noon): epoch
     * millis, null when not given, or -1 after answering 400. Only a preview may name one: a decision that counts
     * is shown now.
     */
    private static Long at(RoutingContext ctx, String text, boolean preview) {
        if (text == null) {
            return null;
        }
        if (!preview) {
            Problems.badRequest(ctx, "invalid-parameter", "at needs preview=true",
                    "at decides as at another time, which only a preview may: a decision that counts is shown now");
            return -1L;
        }
        long at;
        try {
            at = java.time.OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            at = -1;
        }
        if (at < EARLIEST_AT || at > LATEST_AT) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid at", "at must be a time with its offset from"
                    + " 2000 to 9999, as 2026-12-24T18:30:00Z or 2026-12-24T19:30:00+01:00"
                    + (text.contains(" ") ? " (a space was sent: a + written as %20 or by form encoding, send it as + or %2B)" : ""));
            return -1L;
        }
        return at;
    }

    private static String value(java.util.Map<String, List<String>> given, String name) {
        List<String> values = given.get(name);
        return values == null ? null : values.get(0);
    }

    /** A true/false query flag, false when absent; null after answering 400 for anything else. */
    private static Boolean flag(RoutingContext ctx, String name, String value) {
        if (value != null && !value.equals("true") && !value.equals("false")) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid " + name, name + " must be true or false");
            return null;
        }
        return "true".equals(value);
    }

    private static Integer parseLimit(String raw, int defaultLimit) {
        if (raw == null) {
            return defaultLimit;
        }
        if (!ReadPosition.asciiDigits(raw)) {
            return null;
        }
        long limit = Long.parseLong(raw);
        return limit >= 1 && limit <= DecisionRequest.MAX_LIMIT ? (int) limit : null;
    }
}
