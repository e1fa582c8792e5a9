package io.nbo.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.CustomerUpdate;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.events.EventFamily;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.topics.Topics;
import io.nbo.schemas.validation.Decoded;
import io.nbo.service.access.Access;
import io.nbo.service.access.SiteKeyLimits;
import io.nbo.service.kafka.EventPublisher;
import io.nbo.service.state.ReadToken;
import io.nbo.topology.identity.Rerouting;
import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP collector: {@code POST /v1/events} and {@code POST /v1/responses}. A body is one event, an
 * array, or {@code {"events":[...]}} (on the responses route also {@code {"responses":[...]}}). A batch is all or
 * nothing: if any item is invalid, none is written and the problem names every bad item, so a client can fix and
 * resend the whole batch safely (event ids make the resend idempotent). Answers 202 once every event is acknowledged
 * by Kafka.
 */
public final class EventHandler {
    public static final int MAX_BATCH = 500;
    /**
     * Invalid items named in a refusal: a batch of 500 empty objects would otherwise get a hundred times its size
     * back, and what is wrong with the first few is what a sender fixes first.
     */
    static final int MOST_LISTED = 20;

    private final EventCodec codec;
    private final SiteKeyLimits siteKey;
    private final EventPublisher publisher;
    private final MeterRegistry registry;

    public EventHandler(EventCodec codec, EventPublisher publisher, SiteKeyLimits siteKey, MeterRegistry registry) {
        this.siteKey = siteKey;
        this.codec = codec;
        this.publisher = publisher;
        this.registry = registry;
        // Registered at once: a dashboard then shows 0 rejections instead of no data until the first.
        this.rejected = io.micrometer.core.instrument.Counter.builder("nbo.events.rejected")
                .description("Events found invalid by POST /v1/events or /v1/responses (each named in a 400; the "
                        + "valid events of the same batch were refused with them, and are not counted here)")
                .register(registry);
    }

    private final io.micrometer.core.instrument.Counter rejected;

    private void accepted(String type) {
        io.micrometer.core.instrument.Counter.builder("nbo.events.accepted")
                .description("Events accepted by POST /v1/events or /v1/responses and acknowledged by Kafka, by type")
                .tag("type", type).register(registry).increment();
    }

    public void collectEvents(RoutingContext ctx) {
        collect(ctx, null);
    }

    public void collectResponses(RoutingContext ctx) {
        collect(ctx, EventType.OFFER_RESPONSE);
    }

    private void collect(RoutingContext ctx, EventType onlyType) {
        JsonNode body = JsonBodies.read(ctx).orElse(null);
        if (body == null) {
            return;
        }
        // The responses route speaks of responses: they are events, but its caller sent responses, and may well
        // wrap them as such.
        String noun = onlyType == null ? "event" : "response";
        String wrapper = body.isObject() && body.has("events") ? "events"
                : onlyType != null && body.isObject() && body.has("responses") ? "responses" : null;
        JsonNode items = wrapper == null ? body : body.get(wrapper);
        if (wrapper != null && (body.size() != 1 || !items.isArray())) {
            Problems.badRequest(ctx, "invalid-batch", "Invalid batch", "a batch wrapper is "
                    + (onlyType == null ? "" : "{\"responses\": [...]} or ") + "{\"events\": [...]}: an array, and no"
                    + " other field");
            return;
        }
        if (onlyType == null && body.isObject() && body.has("responses") && !body.has("type")) {
            Problems.badRequest(ctx, "invalid-batch", "Invalid batch", "responses go to POST /v1/responses; this"
                    + " route's batch wrapper is {\"events\": [...]}");
            return;
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (items.isArray()) {
            items.forEach(nodes::add);
        } else {
            nodes.add(items);
        }
        if (nodes.isEmpty()) {
            Problems.badRequest(ctx, "empty-batch", "Empty batch", "send at least one " + noun);
            return;
        }
        if (nodes.size() > MAX_BATCH) {
            Problems.send(ctx, 413, "batch-too-large", "Batch too large",
                    "a batch holds at most " + MAX_BATCH + " " + noun + "s, got " + nodes.size());
            return;
        }
        JsonBodies.checked(ctx, () -> check(ctx, nodes, onlyType), checked -> answer(ctx, checked, nodes.size(), noun));
    }

    /** The events of a batch that passed, and the first of those that did not with their reasons. */
    private record Checked(List<CustomerEvent> events, JsonArray invalid, int unlisted) {
    }

    private Checked check(RoutingContext ctx, List<JsonNode> nodes, EventType onlyType) {
        List<CustomerEvent> events = new ArrayList<>();
        JsonArray invalid = new JsonArray();
        int unlisted = 0;
        boolean publicKey = !Access.readsProfiles(ctx);
        long now = System.currentTimeMillis();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String misplaced = onlyType == null ? null : notAResponse(node);
            Decoded<CustomerEvent> decoded = misplaced == null ? codec.decode(node, onlyType) : null;
            if (decoded != null && decoded.ok() && decoded.value().timestamp() > now
                    && (publicKey || decoded.value() instanceof CustomerUpdate update && update.consents() != null)) {
                // A browser's clock may run ahead, and anyone holding the public key could date an event ahead on
                // purpose to outrank what the service's own systems record later (a consent withdrawn, say): the
                // time it came is the latest it may claim. A consent is held to that from any key: a give dated
                // ahead by a server whose clock runs fast would otherwise outrank the customer's withdrawal.
                decoded = codec.decode(((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy()
                        .put("timestamp", now), onlyType);
            }
            String refused = decoded != null && decoded.ok() ? siteKey.refusedEvent(ctx, decoded.value()) : null;
            List<String> reasons = misplaced != null ? List.of(misplaced)
                    : refused != null ? List.of(refused) : decoded.violations();
            if (reasons.isEmpty()) {
                events.add(decoded.value());
            } else if (invalid.size() == MOST_LISTED) {
                unlisted++;
            } else {
                JsonObject item = new JsonObject().put("index", i).put("reasons", new JsonArray(reasons));
                JsonNode eventId = node.isObject() ? node.get("eventId") : null;
                if (eventId != null && eventId.isTextual()) {
                    item.put("eventId", JsonBodies.abbreviate(eventId.asText()));
                }
                invalid.add(item);
            }
        }
        return new Checked(events, invalid, unlisted);
    }

    private void answer(RoutingContext ctx, Checked checked, int sent, String noun) {
        if (!checked.invalid().isEmpty()) {
            int count = checked.invalid().size() + checked.unlisted();
            rejected.increment(count);
            Problems.send(ctx, 400, "invalid-events", "Invalid events",
                    count + " of " + sent + " " + noun + "s " + (count == 1 ? "is" : "are")
                            + " invalid; none were accepted" + (checked.unlisted() == 0 ? ""
                            : "; the first " + MOST_LISTED + " are listed"),
                    new JsonObject().put("invalid", checked.invalid()));
            return;
        }
        publish(ctx, checked.events());
    }

    /**
     * Why an item on the responses route is another kind of event, or null: said before the item is checked,
     * since the checks of its own kind (a purchase's amount) would only mislead a caller who sent it here.
     */
    private static String notAResponse(JsonNode node) {
        JsonNode type = node.isObject() ? node.get("type") : null;
        if (type == null) {
            return null;
        }
        String given = type.isTextual() ? "'" + JsonBodies.abbreviate(type.asText()) + "'" : type.getNodeType()
                .name().toLowerCase(java.util.Locale.ROOT);
        // The type is implied here: a caller needs the one it may give, not the list of every event's.
        String onlyResponses = "$.type: must be '" + EventType.OFFER_RESPONSE.wireName() + "' or left out, got " + given;
        if (!type.isTextual()) {
            return onlyResponses;
        }
        EventType named = EventType.fromWireName(type.asText()).orElse(null);
        if (named == null) {
            return onlyResponses;
        }
        return named.family() == EventFamily.OFFER_RESPONSE ? null : "$.type: only offer responses are accepted here;"
                + " send " + named.wireName() + " events to /v1/events";
    }

    private void publish(RoutingContext ctx, List<CustomerEvent> events) {
        Context vertxContext = ctx.vertx().getOrCreateContext();
        boolean publicKey = !Access.readsProfiles(ctx);
        List<CompletableFuture<org.apache.kafka.clients.producer.RecordMetadata>> futures =
                events.stream().map(event -> publisher.publishAccepted(event, publicKey)).toList();
        CompletableFuture<?>[] sends = futures.toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sends).whenComplete((ignored, error) -> vertxContext.runOnContext(v -> {
            if (ctx.response().ended()) {
                return;
            }
            if (error != null) {
                Problems.unavailable(ctx, "events could not be written to Kafka: " + rootMessage(error));
                return;
            }
            TreeMap<String, Integer> byTopic = new TreeMap<>();
            for (CustomerEvent event : events) {
                byTopic.merge(Topics.forType(event.eventType()).name(), 1, Integer::sum);
                accepted(event.eventType().wireName());
            }
            JsonObject counts = new JsonObject();
            byTopic.forEach(counts::put);
            org.apache.kafka.streams.query.Position written = org.apache.kafka.streams.query.Position.emptyPosition();
            for (var future : futures) {
                var metadata = future.join();
                Long seen = written.getTopics().contains(metadata.topic())
                        ? written.getPartitionPositions(metadata.topic()).get(metadata.partition()) : null;
                if (seen == null || seen < metadata.offset()) {
                    written = written.withComponent(metadata.topic(), metadata.partition(), metadata.offset());
                }
            }
            List<ReadToken.Login> logins = events.stream().filter(Rerouting::stitches)
                    .map(event -> ReadToken.Login.of(event.customerId(), event.anonymousId())).toList();
            ctx.response().setStatusCode(202);
            ctx.json(new JsonObject().put("accepted", events.size()).put("byTopic", counts)
                    .put("readAfter", ReadToken.of(written, logins).format()));
        }));
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
