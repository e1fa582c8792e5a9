package io.nbo.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class UnplannedStopTest {
    @Test
    void shouldTakeAnErrorForAStopWhetherOrNotTheServiceIsClosing() {
        UnplannedStop running = after(false, State.RUNNING, State.PENDING_ERROR);

        assertThat(running.happened()).isTrue();
        assertThat(running.whenStopped().toCompletableFuture().join()).isEqualTo(State.PENDING_ERROR);
        assertThat(after(true, State.PENDING_ERROR, State.ERROR).happened()).isTrue();
    }

    @Test
    void shouldTakeAShutdownForAStopOnlyWhenTheServiceDidNotAskForIt() {
        assertThat(after(false, State.RUNNING, State.PENDING_SHUTDOWN).happened()).isTrue();
        assertThat(after(true, State.RUNNING, State.PENDING_SHUTDOWN, State.NOT_RUNNING).happened()).isFalse();
    }

    @Test
    void shouldNotTakeRebalancesOrStartsForStops() {
        assertThat(after(false, State.CREATED, State.REBALANCING, State.RUNNING, State.REBALANCING).happened())
                .isFalse();
    }

    /** A listener that heard Kafka Streams go through {@code states}, told first whether the service is closing. */
    private static UnplannedStop after(boolean closing, State... states) {
        UnplannedStop stop = new UnplannedStop();
        if (closing) {
            stop.closing();
        }
        for (int i = 1; i < states.length; i++) {
            stop.onChange(states[i], states[i - 1]);
        }
        return stop;
    }
}
