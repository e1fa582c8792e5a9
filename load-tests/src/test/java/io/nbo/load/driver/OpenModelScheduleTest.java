package io.nbo.load.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenModelScheduleTest {
    private static final long START = 1_000_000_000L;

    @Test
    void shouldPlaceRequestsAtConstantIntervalsFromTheStart() {
        OpenModelSchedule schedule = new OpenModelSchedule(START, 200, Duration.ofSeconds(2));

        assertThat(schedule.count()).isEqualTo(400);
        assertThat(schedule.intendedNanos(0)).isEqualTo(START);
        assertThat(schedule.intendedNanos(1)).isEqualTo(START + 5_000_000);
        assertThat(schedule.intendedNanos(399)).isEqualTo(START + 1_995_000_000L);
        assertThat(schedule.lastIntendedNanos()).isEqualTo(schedule.intendedNanos(399));
        assertThatThrownBy(() -> schedule.intendedNanos(400)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldRoundFractionalIntervalsWithoutDrift() {
        OpenModelSchedule schedule = new OpenModelSchedule(START, 3, Duration.ofSeconds(10));

        assertThat(schedule.count()).isEqualTo(30);
        assertThat(schedule.intendedNanos(1)).isEqualTo(START + 333_333_333);
        assertThat(schedule.intendedNanos(2)).isEqualTo(START + 666_666_667);
        // No accumulated error: request 3k is due exactly k seconds after the start.
        assertThat(schedule.intendedNanos(27)).isEqualTo(START + 9_000_000_000L);
    }

    @Test
    void shouldCountEveryRequestWhoseIntendedTimeHasCome() {
        OpenModelSchedule schedule = new OpenModelSchedule(START, 100, Duration.ofSeconds(1));

        assertThat(schedule.dueBy(START - 1)).isZero();
        assertThat(schedule.dueBy(START)).isEqualTo(1);
        assertThat(schedule.dueBy(START + 9_999_999)).isEqualTo(1);
        assertThat(schedule.dueBy(START + 10_000_000)).isEqualTo(2);
        assertThat(schedule.dueBy(START + 500_000_000)).isEqualTo(51);
        assertThat(schedule.dueBy(START + 60_000_000_000L)).as("never more than the bounded count").isEqualTo(100);
    }

    @Test
    void shouldAgreeWithIntendedTimesAtEveryBoundary() {
        OpenModelSchedule schedule = new OpenModelSchedule(START, 7.3, Duration.ofSeconds(20));
        for (long i = 0; i < schedule.count(); i++) {
            long intended = schedule.intendedNanos(i);
            assertThat(schedule.dueBy(intended)).as("due at request %d's own time", i).isEqualTo(i + 1);
            assertThat(schedule.dueBy(intended - 1)).as("due just before request %d", i).isEqualTo(i);
        }
    }

    @Test
    void shouldRefuseRatesThatAreNotPositive() {
        assertThatThrownBy(() -> new OpenModelSchedule(START, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("rate must be a positive number");
        assertThatThrownBy(() -> new OpenModelSchedule(START, Double.NaN, Duration.ofSeconds(1)))
                .hasMessageContaining("rate must be a positive number");
    }

    @Test
    void shouldKeepIntendedTimesWhenTheSenderStalls() {
        List<Long> intended = new ArrayList<>();
        List<Long> actual = new ArrayList<>();
        OpenLoop.run(List.of(new OpenLoop.Stream("stalling", 1000, due -> {
            intended.add(due);
            actual.add(System.nanoTime());
            if (intended.size() == 1) {
                spinFor(Duration.ofMillis(50));
            }
        })), Duration.ofMillis(100));

        assertThat(intended).hasSize(100);
        for (int i = 1; i < intended.size(); i++) {
            assertThat(intended.get(i) - intended.get(0)).as("intended offset of request %d", i)
                    .isEqualTo(i * 1_000_000L);
        }
        // Requests due during the stall went out late, all at once, but still carry their own intended time:
        // that lateness is what a coordinated-omission-safe measurement must count as latency.
        assertThat(actual.get(10) - intended.get(10)).isGreaterThan(Duration.ofMillis(30).toNanos());
    }

    @Test
    void shouldInterleaveStreamsAtTheirOwnRates() {
        List<String> order = new ArrayList<>();
        List<Long> sent = OpenLoop.run(List.of(
                new OpenLoop.Stream("fast", 400, due -> order.add("fast")),
                new OpenLoop.Stream("slow", 100, due -> order.add("slow")),
                new OpenLoop.Stream("off", 0, due -> order.add("off"))), Duration.ofMillis(100));

        assertThat(sent).containsExactly(40L, 10L, 0L);
        assertThat(order).doesNotContain("off");
        assertThat(order).filteredOn("fast"::equals).hasSize(40);
        assertThat(order).filteredOn("slow"::equals).hasSize(10);
    }

    private static void spinFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
