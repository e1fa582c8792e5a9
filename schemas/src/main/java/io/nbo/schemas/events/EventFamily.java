package io.nbo.schemas.events;

import io.nbo.schemas.validation.Contract;

/** Events that share a contract and a topic. */
public enum EventFamily {
    CLICKSTREAM(Contract.CLICKSTREAM_EVENT, ClickstreamEvent.class),
    TRANSACTION(Contract.TRANSACTION_EVENT, TransactionEvent.class),
    OFFER_RESPONSE(Contract.OFFER_RESPONSE, OfferResponse.class),
    FEEDBACK(Contract.FEEDBACK_EVENT, FeedbackEvent.class),
    CUSTOMER_UPDATE(Contract.CUSTOMER_UPDATE, CustomerUpdate.class);

    private final Contract contract;
    private final Class<? extends CustomerEvent> javaType;

    EventFamily(Contract contract, Class<? extends CustomerEvent> javaType) {
        this.contract = contract;
        this.javaType = javaType;
    }

    public Contract contract() {
        return contract;
    }

    public Class<? extends CustomerEvent> javaType() {
        return javaType;
    }
}
