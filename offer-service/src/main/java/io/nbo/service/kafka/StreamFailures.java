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

    @Override
    public StreamThreadExceptionResponse handle(Throwable error) {
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
