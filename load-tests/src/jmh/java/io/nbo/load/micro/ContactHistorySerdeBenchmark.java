package io.nbo.load.micro;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.json.JsonSerde;
import io.nbo.topology.StateSerdes;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Param;

/**
 * The contact-history serde: every decision reads the customer's history (HTTP side) and the topology reads
 * and writes it again for each decision and response. A busy customer's history holds the most
 * presentations kept ({@link ContactHistory#MAX_PRESENTATIONS}), a new one's a few.
 */
public class ContactHistorySerdeBenchmark extends StoredStateBenchmark<ContactHistory> {
    @Param({"3", "100"})
    public int presentations;

    /** The store's layout (records as positional arrays) against records as objects with field names. */
    @Param({"positional", "named"})
    public String layout;

    private final JsonSerde<ContactHistory> named = JsonSerde.binary(ContactHistory.class);

    @Override
    protected JsonSerde<ContactHistory> codec() {
        return layout.equals("named") ? named : StateSerdes.CONTACT_HISTORY_CODEC;
    }

    @Override
    protected JsonSerde<ContactHistory> storeSerde() {
        return StateSerdes.CONTACT_HISTORY;
    }

    @Override
    protected ContactHistory sample(long now) {
        ContactTracker tracker = new ContactTracker(86_400_000L);
        ContactHistory history = ContactHistory.EMPTY;
        for (int i = 0; i < presentations; i++) {
            String offerId = "offer-" + (i % 12);
            DecisionRecord decision = new DecisionRecord(UUID.randomUUID().toString(), "lt-1", now - i * 60_000L,
                    "web", "home", "thompson", List.of(new DecisionRecord.Candidate(offerId, "campaign-" + (i % 7),
                    "books", "web/involvement", 0.1, 0.1, 1, 10, 1, 1, 0.4, 1)), List.of(offerId), List.of(),
                    false, "involvement", "low");
            history = tracker.onDecision(history, decision).history();
        }
        return history;
    }
}
