package io.nbo.schemas.events;

/**
 * Something a customer (or an anonymous visitor) did, as accepted by the v1 contracts.
 * Instances are validated: ids are safe strings, the timestamp is plausible epoch millis.
 */
public sealed interface CustomerEvent
        permits ClickstreamEvent, TransactionEvent, OfferResponse, FeedbackEvent, CustomerUpdate {

    String eventId();

    String customerId();

    String anonymousId();

    /** Event time in epoch milliseconds. */
    long timestamp();

    /** May be null for events that happen outside a channel (a consent change from a back office). */
    String channel();

    EventType eventType();

    /** The key the event is partitioned and stored by: the customer, or the visitor when not yet known. */
    default String subjectId() {
        return customerId() != null ? customerId() : anonymousId();
    }
}
