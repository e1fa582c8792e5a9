package io.nbo.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class UnplannedStopTest {
    @Test
    void shouldTakeAnErrorForAStopWhetherOrNotTheServiceIsClosing() {
        UnplannedStop running = new UnplannedStop();
        running.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(running.happened()).isTrue();
        assertThat(running.whenStopped().toCompletableFuture().join()).isEqualTo(State.PENDING_ERROR);

        UnplannedStop closing = new UnplannedStop();
        closing.closing();
        closing.onChange(State.ERROR, State.PENDING_ERROR);
        assertThat(closing.happened()).isTrue();
    }

    @Test
    void shouldTakeAShutdownForAStopOnlyWhenTheServiceDidNotAskForIt() {
        UnplannedStop unasked = new UnplannedStop();
        unasked.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        assertThat(unasked.happened()).isTrue();

        UnplannedStop asked = new UnplannedStop();
        asked.closing();
        asked.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        asked.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);
        assertThat(asked.happened()).isFalse();
    }

    @Test
    void shouldNotTakeRebalancesOrStartsForStops() {
        UnplannedStop stop = new UnplannedStop();
        stop.onChange(State.REBALANCING, State.CREATED);
        stop.onChange(State.RUNNING, State.REBALANCING);
        stop.onChange(State.REBALANCING, State.RUNNING);
        assertThat(stop.happened()).isFalse();
    }
}
