package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecisionRecordingTest {
    private static final long T0 = 1_800_000_000_000L;
    private final DecisionRecording recording = new DecisionRecording();

    @Test
    void shouldRecordWhileWritesAreAcknowledgedHoweverSparse() {
        recording.sent(T0);
        assertThat(recording.written(T0 + 30)).as("no trouble ended").isFalse();
        recording.sent(T0 + 60_000);
        assertThat(recording.trouble(T0 + 60_000 + DecisionRecording.STALL_MILLIS)).as("just sent, an hour idle before")
                .isNull();
        assertThat(recording.refuses(T0 + 60_001)).isFalse();
    }

    @Test
    void shouldRefuseOnceWritesGoUnacknowledgedAndLetOneProbeThroughASecond() {
        recording.sent(T0);
        recording.sent(T0 + 10);
        long stalled = T0 + DecisionRecording.STALL_MILLIS + 1;

        assertThat(recording.trouble(stalled)).isEqualTo("Kafka has acknowledged none of the last 2 decisions for 3 s");
        assertThat(recording.refuses(stalled)).as("the first passes as a probe").isFalse();
        assertThat(recording.refuses(stalled + 1)).isTrue();
        assertThat(recording.refuses(stalled + DecisionRecording.PROBE_MILLIS)).as("a second later").isFalse();
        assertThat(recording.refuses(stalled + DecisionRecording.PROBE_MILLIS + 1)).isTrue();

        assertThat(recording.written(stalled + 2_000)).as("the acknowledgement ends the trouble").isTrue();
        assertThat(recording.refuses(stalled + 2_001)).isFalse();
    }

    @Test
    void shouldRefuseAfterAFailedWriteUntilOneSucceeds() {
        recording.sent(T0);
        recording.sent(T0 + 1);
        assertThat(recording.failed(T0 + 10_000)).as("the first failure of an outage").isTrue();
        assertThat(recording.failed(T0 + 10_001)).isFalse();

        assertThat(recording.trouble(T0 + 10_002)).isEqualTo("the last decision written to Kafka failed");
        recording.refuses(T0 + 10_002);
        assertThat(recording.refuses(T0 + 10_003)).isTrue();
        recording.sent(T0 + 11_100);
        assertThat(recording.written(T0 + 11_200)).isTrue();
        assertThat(recording.trouble(T0 + 11_201)).isNull();
    }
}
