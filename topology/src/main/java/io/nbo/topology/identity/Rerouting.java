package io.nbo.topology.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Which events tie an anonymous id to a customer, and how an anonymous event is re-addressed. */
public final class Rerouting {
    private Rerouting() {
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
