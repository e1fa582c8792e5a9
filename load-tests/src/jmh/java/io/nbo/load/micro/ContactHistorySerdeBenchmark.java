package io.nbo.load.micro;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.json.JsonSerde;
import io.nbo.topology.StateSerdes;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The contact-history serde: every decision reads the customer's history (HTTP side) and the topology reads
 * and writes it again for each decision and response. A busy customer's history holds the most
 * presentations kept ({@link ContactHistory#MAX_PRESENTATIONS}), a new one's a few.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContactHistorySerdeBenchmark {
    @Param({"3", "100"})
    public int presentations;

    /** The codec alone; the store's serde also answers versions it has seen from memory. */
    private final JsonSerde<ContactHistory> serde = JsonSerde.binary(ContactHistory.class);
    private ContactHistory history;
    private byte[] bytes;
    /** What a store read returns: a fresh array with the content the topology last wrote. */
    private byte[] storedCopy;

    @Setup
    public void setUp() {
        long now = System.currentTimeMillis();
        ContactTracker tracker = new ContactTracker(86_400_000L);
        ContactHistory built = ContactHistory.EMPTY;
        for (int i = 0; i < presentations; i++) {
            String offerId = "offer-" + (i % 12);
            DecisionRecord decision = new DecisionRecord(UUID.randomUUID().toString(), "lt-1", now - i * 60_000L,
                    "web", "home", "thompson", List.of(new DecisionRecord.Candidate(offerId, "campaign-" + (i % 7),
                    "books", "web/involvement", 0.1, 0.1, 1, 10, 1, 1, 0.4, 1)), List.of(offerId), List.of(),
                    false, "involvement", "low");
            built = tracker.onDecision(built, decision).history();
        }
        history = built;
        bytes = serde.toBytes(history);
        storedCopy = StateSerdes.CONTACT_HISTORY.toBytes(history).clone();
    }

    @Benchmark
    public byte[] serialize() {
        return serde.toBytes(history);
    }

    @Benchmark
    public ContactHistory deserialize() {
        return serde.fromBytes(bytes);
    }

    @Benchmark
    public ContactHistory deserializeKnownVersion() {
        return StateSerdes.CONTACT_HISTORY.fromBytes(storedCopy);
    }
}
