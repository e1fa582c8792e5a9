package io.nbo.schemas.events;

import com.fasterxml.jackson.databind.JsonNode;

/** The customer's own voice: NPS, ratings, complaints, ideas and votes on ideas. */
public record FeedbackEvent(String type, String eventId, String customerId, String anonymousId, long timestamp,
                            String channel, Integer nps, Integer rating, String text, String topic, String ideaId,
                            Integer vote, JsonNode context) implements CustomerEvent {
    @Override
    public EventType eventType() {
        return EventType.fromWireName(type).orElseThrow();
    }
}
