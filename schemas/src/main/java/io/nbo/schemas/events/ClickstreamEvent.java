package io.nbo.schemas.events;

import com.fasterxml.jackson.databind.JsonNode;

/** Browsing behaviour: page and product views, searches, cart changes, logins. */
public record ClickstreamEvent(String type, String eventId, String customerId, String anonymousId, long timestamp,
                               String channel, String page, String category, String productId, String query,
                               Double price, JsonNode context) implements CustomerEvent {
    @Override
    public EventType eventType() {
        return EventType.fromWireName(type).orElseThrow();
    }
}
