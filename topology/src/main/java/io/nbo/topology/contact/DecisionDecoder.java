package io.nbo.topology.contact;

import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.topology.StateSerdes;
import io.nbo.topology.deadletter.DeadLetters;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Reads decision-log records; an unreadable or wrongly keyed one goes to the dead-letter topic. */
public final class DecisionDecoder implements Processor<String, byte[], String, Object> {
    public static final String NAME = "decision-decoder";

    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        DecisionRecord decision;
        try {
            decision = StateSerdes.DECISION.fromBytes(record.value());
        } catch (UncheckedIOException e) {
            deadLetter(record, "not a readable decision record: " + e.getCause().getMessage().split("\n")[0]);
            return;
        }
        if (decision == null || decision.decisionId() == null || decision.customerId() == null) {
            deadLetter(record, "decision record without decisionId or customerId");
            return;
        }
        if (!Objects.equals(record.key(), decision.customerId())) {
            deadLetter(record, "record key " + DeadLetters.quotedKey(record.key()) + " is not the decision's customer '"
                    + decision.customerId() + "'");
            return;
        }
        context.forward(record.withValue(new TrackedInput.Decision(decision)), ContactProcessor.NAME);
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        context.forward(DeadLetters.letter(record, reason, context.recordMetadata().orElse(null),
                context.currentSystemTimeMs()), DeadLetters.SINK);
    }
}
