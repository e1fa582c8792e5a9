package io.nbo.load.fault;

import io.nbo.schemas.events.CustomerEvent;
import java.util.function.LongFunction;

/**
 * One event of the known stream: the topic and key it goes to, its id, and the event itself as written at
 * the moment it is sent (times are then real and never ahead of a decision they answer). {@code sentTwice}
 * marks a client retry: the same record, same event id, sent a second time.
 */
record PlannedEvent(String topic, String customerId, String eventId, boolean sentTwice,
                    LongFunction<CustomerEvent> at) {
}
