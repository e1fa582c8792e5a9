package io.nbo.schemas.events;

import com.fasterxml.jackson.databind.JsonNode;

/** What the customer did with an offer that a decision showed. */
public record OfferResponse(String type, String eventId, String decisionId, String customerId, String anonymousId,
                            String offerId, String campaignId, String outcome, long timestamp, String channel,
                            Double value, JsonNode context) implements CustomerEvent {
    @Override
    public EventType eventType() {
        return EventType.OFFER_RESPONSE;
    }

    public Outcome outcomeKind() {
        return Outcome.fromWireName(outcome).orElseThrow();
    }
}
