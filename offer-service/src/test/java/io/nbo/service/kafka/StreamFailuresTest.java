package io.nbo.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamFailuresTest {
    @Test
    void shouldStopTheClientWhenASourceTopicIsGoneHoweverWrapped() {
        assertThat(StreamFailures.responseTo(new MissingSourceTopicException("clickstream is missing")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(StreamFailures.responseTo(new StreamsException(new MissingSourceTopicException("gone"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldReplaceTheThreadForAnyOtherFailure() {
        assertThat(StreamFailures.responseTo(new StreamsException("a record", new IllegalStateException())))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
