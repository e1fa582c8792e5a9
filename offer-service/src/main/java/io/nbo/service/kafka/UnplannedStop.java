package io.nbo.service.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Notices Kafka Streams ending without being asked to: {@code ERROR} (a failed global thread, or a failure that
 * stops the client), or a stop that did not come from this process's own close. The HTTP server would go on
 * answering from stores no longer updated, so the process ends and its supervisor starts it again.
 */
public final class UnplannedStop implements KafkaStreams.StateListener {
    private final CompletableFuture<KafkaStreams.State> stopped = new CompletableFuture<>();
    private volatile boolean closing;

    @Override
    public void onChange(KafkaStreams.State now, KafkaStreams.State before) {
        boolean failed = now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR;
        boolean ended = now == KafkaStreams.State.PENDING_SHUTDOWN || now == KafkaStreams.State.NOT_RUNNING;
        if (failed || (ended && !closing)) {
            stopped.complete(now);
        }
    }

    /** Called before this process closes Kafka Streams on purpose, so that close is not taken for a failure. */
    public void closing() {
        closing = true;
    }

    public boolean happened() {
        return stopped.isDone();
    }

    /** Completes with the state Kafka Streams entered when it ended on its own; never on a deliberate close. */
    public CompletionStage<KafkaStreams.State> whenStopped() {
        return stopped.minimalCompletionStage();
    }
}
