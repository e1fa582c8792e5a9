package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecisionRecordingTest {
    private static final long T0 = -7_000_000L;
    private final DecisionRecording recording = new DecisionRecording();

    @Test
    void shouldRecordWhileWritesAreAcknowledgedHoweverSparse() {
        recording.sent(T0);
        assertThat(recording.written(T0, T0 + 30)).as("no trouble ended").isFalse();
        recording.sent(T0 + 60_000);
        assertThat(recording.trouble(T0 + 60_000 + DecisionRecording.STALL_MILLIS)).as("just sent, idle before")
                .isNull();
        assertThat(recording.refusal(T0 + 60_001)).isNull();
    }

    @Test
    void shouldRefuseOnceWritesGoUnacknowledgedAndLetOneProbeThroughASecond() {
        recording.sent(T0);
        recording.sent(T0 + 10);
        long stalled = T0 + DecisionRecording.STALL_MILLIS + 1;

        assertThat(recording.trouble(stalled)).isEqualTo("Kafka has acknowledged none of the last 2 decisions for 5 s");
        assertThat(recording.refusal(stalled)).as("the first passes as a probe, however the clock stood").isNull();
        assertThat(recording.refusal(stalled + 1)).startsWith("Kafka has acknowledged none");
        assertThat(recording.refusal(stalled + DecisionRecording.PROBE_MILLIS)).as("a second later").isNull();
        assertThat(recording.refusal(stalled + DecisionRecording.PROBE_MILLIS + 1)).isNotNull();

        assertThat(recording.written(T0, stalled + 2_000)).as("the acknowledgement ends the trouble").isTrue();
        assertThat(recording.refusal(stalled + 2_001)).isNull();
    }

    @Test
    void shouldRefuseAfterAFailedWriteUntilOneSucceeds() {
        recording.sent(T0);
        recording.sent(T0 + 1);
        assertThat(recording.failed(T0, T0 + 10_000)).as("the first failure of an outage").isTrue();
        assertThat(recording.failed(T0 + 1, T0 + 10_001)).isFalse();

        assertThat(recording.trouble(T0 + 10_002)).isEqualTo("the last decision written to Kafka failed");
        assertThat(recording.refusal(T0 + 10_002)).as("a probe").isNull();
        assertThat(recording.refusal(T0 + 10_003)).isNotNull();
        recording.sent(T0 + 11_100);
        assertThat(recording.written(T0 + 11_100, T0 + 11_200)).isTrue();
        assertThat(recording.trouble(T0 + 11_201)).isNull();
    }

    @Test
    void shouldNotTakeTheFailureOfAnOlderWriteForNews() {
        recording.sent(T0);
        recording.sent(T0 + 5);
        recording.written(T0 + 5, T0 + 20);

        assertThat(recording.failed(T0, T0 + 30)).as("a newer write went through").isFalse();
        assertThat(recording.trouble(T0 + 31)).isNull();
    }
}
