package io.nbo.schemas.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Consent given or withdrawn (per purpose or channel), or profile attributes set; a null attribute removes it. */
public record CustomerUpdate(String type, String eventId, String customerId, String anonymousId, long timestamp,
                             String channel, Map<String, Boolean> consents,
                             // Written out with its nulls: they are what removes an attribute.
                             @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.ALWAYS)
                             Map<String, Object> attributes,
                             JsonNode context) implements CustomerEvent {
    @Override
    public EventType eventType() {
        return EventType.fromWireName(type).orElseThrow();
    }
}
