package io.nbo.schemas.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.json.JsonErrors;
import io.nbo.schemas.validation.ContractValidator;
import io.nbo.schemas.validation.Decoded;
import io.nbo.schemas.validation.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads untrusted event JSON into typed, validated events, and writes events back in their canonical
 * form (timestamps as epoch millis). Every refusal carries reasons that name the offending field.
 */
public final class EventCodec {
    /** Larger single events are refused before parsing: no legitimate event needs more. */
    public static final int MAX_EVENT_BYTES = 32 * 1024;

    private final ContractValidator validator;
    private final Clock clock;

    public EventCodec(Clock clock) {
        this.validator = ContractValidator.shared();
        this.clock = clock;
    }

    public EventCodec() {
        this(Clock.systemUTC());
    }

    /** Decodes raw bytes as found on a topic; {@code defaultType} applies when the document has no type. */
    public Decoded<CustomerEvent> decode(byte[] bytes, EventType defaultType) {
        if (bytes == null) {
            return Decoded.refused("record has no value");
        }
        if (bytes.length > MAX_EVENT_BYTES) {
            return Decoded.refused("event is " + bytes.length + " bytes; the limit is " + MAX_EVENT_BYTES);
        }
        JsonNode node;
        try {
            node = Json.untrustedReader().readTree(bytes);
        } catch (IOException e) {
            return Decoded.refused("not valid JSON: " + JsonErrors.describe(e, bytes));
        }
        if (node == null || !node.isObject()) {
            return Decoded.refused("an event must be a JSON object, got " + describe(node));
        }
        if (node.has("events") && !node.has("type")) {
            return Decoded.refused("a record holds one event, not the collector's batch wrapper {\"events\":[…]}:"
                    + " produce each event as a record of its own");
        }
        // The bytes were measured and the tree is this call's own: neither a second size check nor a copy.
        return decodeOwned((ObjectNode) node, defaultType);
    }

    /** Decodes one parsed document, for example one item of an HTTP batch; {@code node} is left unchanged. */
    public Decoded<CustomerEvent> decode(JsonNode node, EventType defaultType) {
        if (node == null || !node.isObject()) {
            return Decoded.refused("an event must be a JSON object, got " + describe(node));
        }
        int size = serializedSize(node);
        if (size > MAX_EVENT_BYTES) {
            return Decoded.refused("event is " + size + " bytes; the limit is " + MAX_EVENT_BYTES);
        }
        return decodeOwned(((ObjectNode) node).deepCopy(), defaultType);
    }

    /** Validates, normalises (in place) and types an event tree nobody else holds. */
    private Decoded<CustomerEvent> decodeOwned(ObjectNode event, EventType defaultType) {
        Optional<EventType> type = typeOf(event, defaultType);
        if (type.isEmpty()) {
            return Decoded.refused(unknownTypeReason(event));
        }
        EventFamily family = type.get().family();
        List<String> violations = new ArrayList<>(validator.violations(family.contract(), event));
        if (violations.isEmpty()) {
            normaliseTimestamp(event, violations);
        }
        if (!violations.isEmpty()) {
            return Decoded.refused(violations);
        }
        if (family == EventFamily.OFFER_RESPONSE) {
            event.put("type", EventType.OFFER_RESPONSE.wireName());
            if (!event.hasNonNull("eventId")) {
                // A repeated post of the same response then counts once.
                event.put("eventId", responseId(event.get("decisionId").asText(), event.get("offerId").asText(),
                        event.get("outcome").asText()));
            }
        }
        try {
            return Decoded.ok(Json.mapper().treeToValue(event, family.javaType()));
        } catch (JsonProcessingException e) {
            return Decoded.refused("cannot read event: " + JsonErrors.describe(e));
        }
    }

    /** decisionId:offerId:outcome, or its SHA-256 when that would be longer than an id may be. */
    static String responseId(String decisionId, String offerId, String outcome) {
        String plain = decisionId + ":" + offerId + ":" + outcome;
        if (plain.length() <= 128) {
            return plain;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "r-" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    public byte[] encode(CustomerEvent event) {
        try {
            return Json.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<EventType> typeOf(ObjectNode event, EventType defaultType) {
        JsonNode type = event.get("type");
        if (type == null && defaultType != null) {
            return Optional.of(defaultType);
        }
        return type != null && type.isTextual() ? EventType.fromWireName(type.asText()) : Optional.empty();
    }

    private static String unknownTypeReason(ObjectNode event) {
        JsonNode type = event.get("type");
        String known = "; known types: " + EventType.knownWireNames();
        if (type == null) {
            return "$.type: required property is missing" + known;
        }
        if (type.isNull()) {
            return "$.type: must be an event type, got null" + known;
        }
        if (!type.isTextual()) {
            return "$.type: must be a string, got " + describe(type) + known;
        }
        return "$.type: unknown event type '" + abbreviate(type.asText()) + "'" + known;
    }

    private void normaliseTimestamp(ObjectNode event, List<String> violations) {
        JsonNode raw = event.get("timestamp");
        Optional<Long> millis = Timestamps.parse(raw.isNumber() ? raw.numberValue() : raw.asText());
        if (millis.isEmpty()) {
            violations.add(Timestamps.unreadable("timestamp", raw, abbreviate(raw.asText())));
            return;
        }
        Timestamps.implausibility("timestamp", millis.get(), clock).ifPresentOrElse(violations::add,
                () -> event.put("timestamp", millis.get()));
    }

    private static int serializedSize(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }

}
