package io.nbo.schemas.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type the service accepts, by its stable wire name. */
public enum EventType {
    PAGE_VIEW("page_view", EventFamily.CLICKSTREAM),
    PRODUCT_VIEW("product_view", EventFamily.CLICKSTREAM),
    SEARCH("search", EventFamily.CLICKSTREAM),
    ADD_TO_CART("add_to_cart", EventFamily.CLICKSTREAM),
    REMOVE_FROM_CART("remove_from_cart", EventFamily.CLICKSTREAM),
    LOGIN("login", EventFamily.CLICKSTREAM),
    SIGNUP("signup", EventFamily.CLICKSTREAM),
    PURCHASE("purchase", EventFamily.TRANSACTION),
    REFUND("refund", EventFamily.TRANSACTION),
    OFFER_RESPONSE("offer_response", EventFamily.OFFER_RESPONSE),
    NPS("nps", EventFamily.FEEDBACK),
    RATING("rating", EventFamily.FEEDBACK),
    COMPLAINT("complaint", EventFamily.FEEDBACK),
    IDEA("idea", EventFamily.FEEDBACK),
    VOTE("vote", EventFamily.FEEDBACK),
    CONSENT_UPDATE("consent_update", EventFamily.CUSTOMER_UPDATE),
    ATTRIBUTE_UPDATE("attribute_update", EventFamily.CUSTOMER_UPDATE);

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final EventFamily family;

    EventType(String wireName, EventFamily family) {
        this.wireName = wireName;
        this.family = family;
    }

    public String wireName() {
        return wireName;
    }

    public EventFamily family() {
        return family;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    public static String knownWireNames() {
        return Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", "));
    }
}
