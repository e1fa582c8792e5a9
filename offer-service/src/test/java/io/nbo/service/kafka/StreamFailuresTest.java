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
    void shouldReportFailuresOnlyWhileTheyRepeat() {
        long[] now = {1_000_000};
        StreamFailures failures = new StreamFailures(() -> now[0]);
        StreamsException tooLarge = new StreamsException("task 0_5",
                new org.apache.kafka.common.errors.RecordTooLargeException("the record is too large"));

        failures.handle(tooLarge);
        assertThat(failures.repeatedFailure()).as("one failure is a moment").isNull();
        now[0] += 5_000;
        failures.handle(tooLarge);
        assertThat(failures.repeatedFailure()).isEqualTo("RecordTooLargeException: the record is too large");
        now[0] += StreamFailures.REPEATED_WITHIN_MILLIS + 1;
        assertThat(failures.repeatedFailure()).as("a minute without one").isNull();
        failures.handle(tooLarge);
        assertThat(failures.repeatedFailure()).as("long after the one before").isNull();
    }

    @Test
    void shouldReplaceTheThreadForAnyOtherFailure() {
        assertThat(StreamFailures.responseTo(new StreamsException("a record", new IllegalStateException())))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
