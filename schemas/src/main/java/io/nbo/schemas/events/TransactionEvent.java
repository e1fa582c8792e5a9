package io.nbo.schemas.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A purchase or a refund; the amount is always positive and the type says which way money moved. */
public record TransactionEvent(String type, String eventId, String customerId, String anonymousId, long timestamp,
                               String channel, String orderId, double amount, String currency, List<Item> items,
                               JsonNode context) implements CustomerEvent {
    public TransactionEvent {
        items = items == null ? List.of() : List.copyOf(items);
    }

    @Override
    public EventType eventType() {
        return EventType.fromWireName(type).orElseThrow();
    }

    public record Item(String productId, String category, Integer quantity, Double price) {
    }
}
