package io.nbo.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AppliedFreshnessTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Map<Double, Long> cumulative(long upTo5, long upTo10, long upTo50, long upTo100, long all) {
        Map<Double, Long> counts = new TreeMap<>();
        counts.put(0.005, upTo5);
        counts.put(0.01, upTo10);
        counts.put(0.05, upTo50);
        counts.put(0.1, upTo100);
        counts.put(INF, all);
        return counts;
    }

    @Test
    void shouldCountOnlyThePhasesEventsAndInterpolateWithinBuckets() {
        Map<Double, Long> before = cumulative(100, 100, 100, 100, 100);
        Map<Double, Long> after = cumulative(100 + 400, 100 + 800, 100 + 990, 100 + 1000, 100 + 1000);

        AppliedFreshness applied = AppliedFreshness.between(before, after);

        assertThat(applied.events()).isEqualTo(1000);
        assertThat(applied.withinTarget()).isEqualTo(0.99);
        // Rank 500 falls in (5, 10] ms, a quarter of the way through its 400 events.
        assertThat(applied.p50Ms()).isCloseTo(6.25, within(1e-9));
        // Rank 990 is the last event of (10, 50] ms.
        assertThat(applied.p99Ms()).isCloseTo(50, within(1e-9));
    }

    @Test
    void shouldGiveNoPercentileInTheOpenBucketAndNothingForAnIdlePhase() {
        Map<Double, Long> before = cumulative(0, 0, 0, 0, 0);

        assertThat(AppliedFreshness.between(before, cumulative(10, 10, 10, 10, 100)).p99Ms()).isNull();
        AppliedFreshness idle = AppliedFreshness.between(before, before);
        assertThat(idle.events()).isZero();
        assertThat(idle.p50Ms()).isNull();
    }
}
