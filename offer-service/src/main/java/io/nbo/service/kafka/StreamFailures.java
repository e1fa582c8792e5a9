package io.nbo.service.kafka;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed stream thread leads to. Most failures are of one record or one moment, and a new thread carries
 * on. A source topic deleted under the running service is not: every new thread would fail the same way, while
 * HTTP answered from state nothing updates. The client stops instead, the process ends ({@link UnplannedStop}),
 * and its next start creates the missing topics again.
 */
public final class StreamFailures implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFailures.class);
    /** Failures this close together are no passing moment: every new thread fails again. */
    static final long REPEATED_WITHIN_MILLIS = 60_000;

    private final java.util.function.LongSupplier clock;
    private long previousAt = Long.MIN_VALUE;
    private long lastAt = Long.MIN_VALUE;
    private String lastError;

    public StreamFailures() {
        this(System::currentTimeMillis);
    }

    StreamFailures(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * What the stream threads keep failing with, when the last two failures came within a minute of each other and
     * the last of them within the last minute; null otherwise. A replaced thread that fails again on the same record
     * leaves the client RUNNING while nothing is applied and no state can be read: readiness must say so.
     */
    public synchronized String repeatedFailure() {
        long now = clock.getAsLong();
        boolean repeated = lastAt != Long.MIN_VALUE && previousAt != Long.MIN_VALUE
                && lastAt - previousAt <= REPEATED_WITHIN_MILLIS && now - lastAt <= REPEATED_WITHIN_MILLIS;
        return repeated ? lastError : null;
    }

    private synchronized void failed(Throwable error) {
        previousAt = lastAt;
        lastAt = clock.getAsLong();
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        lastError = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable error) {
        failed(error);
        StreamThreadExceptionResponse response = responseTo(error);
        if (response == StreamThreadExceptionResponse.SHUTDOWN_CLIENT) {
            LOG.error("Stream thread failed because a topic it reads is gone; stopping, to start again with the topics"
                    + " created anew", error);
        } else {
            LOG.error("Stream thread failed; replacing it", error);
        }
        return response;
    }

    static StreamThreadExceptionResponse responseTo(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MissingSourceTopicException) {
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
