package io.nbo.topology.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Which events tie an anonymous id to a customer, and how an anonymous event is re-addressed. */
public final class Rerouting {
    /** One per id an event was sent on from, so an event never goes round ids that lead to each other. */
    static final String SENT_ON_FROM_HEADER = "nbo-sent-on-from";

    private Rerouting() {
    }

    /**
     * The headers of an event sent on from {@code subjectId}: its own, and that id beside those it was sent on from
     * before when it {@code wasSentOn} already (a dead letter sent back to an event topic starts afresh).
     */
    public static Headers sentOnFrom(Headers headers, String subjectId, boolean wasSentOn) {
        Headers copy = new RecordHeaders(headers.toArray());
        if (!wasSentOn) {
            copy.remove(SENT_ON_FROM_HEADER);
        }
        copy.add(SENT_ON_FROM_HEADER, subjectId.getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    /** The headers of a record as it came in, but for where the topology sent it on from (it starts afresh). */
    public static Headers withoutSentOn(Headers headers) {
        Headers copy = new RecordHeaders(headers.toArray());
        copy.remove(SENT_ON_FROM_HEADER);
        return copy;
    }

    /** Whether the event, {@code wasSentOn} here, was sent on from {@code id} before: sent there, it would go round. */
    public static boolean cameThrough(Headers headers, String id, boolean wasSentOn) {
        if (!wasSentOn) {
            return false;
        }
        byte[] wanted = id.getBytes(StandardCharsets.UTF_8);
        for (Header header : headers.headers(SENT_ON_FROM_HEADER)) {
            if (java.util.Arrays.equals(header.value(), wanted)) {
                return true;
            }
        }
        return false;
    }

    /** A login or sign-up that names both ids makes the anonymous visitor that customer. */
    public static boolean stitches(CustomerEvent event) {
        return event.customerId() != null && event.anonymousId() != null
                && !event.customerId().equals(event.anonymousId())
                && (event.eventType() == EventType.LOGIN || event.eventType() == EventType.SIGNUP);
    }

    /** The event's canonical JSON with {@code customerId} set, so it validates and is keyed as the customer's. */
    public static byte[] withCustomer(EventCodec codec, CustomerEvent event, String customerId) {
        try {
            ObjectNode node = (ObjectNode) Json.mapper().readTree(codec.encode(event));
            node.put("customerId", customerId);
            return Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-address event " + event.eventId(), e);
        }
    }
}
