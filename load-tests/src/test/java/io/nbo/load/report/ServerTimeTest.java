package io.nbo.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServerTimeTest {
    private static Map<Double, Long> cumulative(long upTo500us, long upTo1ms, long upTo3ms, long all) {
        Map<Double, Long> counts = new TreeMap<>();
        counts.put(0.0005, upTo500us);
        counts.put(0.001, upTo1ms);
        counts.put(0.003, upTo3ms);
        counts.put(Double.POSITIVE_INFINITY, all);
        return counts;
    }

    @Test
    void shouldCountOnlyThePhasesDecisions() {
        Map<Double, Long> before = cumulative(50, 60, 70, 70);
        Map<Double, Long> after = cumulative(50 + 800, 60 + 980, 70 + 1000, 70 + 1000);

        ServerTime server = ServerTime.between(before, after);

        assertThat(server.decisions()).isEqualTo(1000);
        assertThat(server.withinTarget()).isEqualTo(0.98);
        // Rank 500 is in (0, 0.5] ms, five eighths of the way through its 800 decisions.
        assertThat(server.p50Ms()).isCloseTo(0.3125, within(1e-9));
        // Rank 990 is in (1, 3] ms, half way through its 20 decisions.
        assertThat(server.p99Ms()).isCloseTo(2.0, within(1e-9));
        assertThat(server.p999Ms()).isCloseTo(2.9, within(1e-9));
    }

    @Test
    void shouldSayNothingOfAPhaseWithoutDecisionsOrWithoutTheServicesHistogram() {
        Map<Double, Long> before = cumulative(5, 5, 5, 5);

        assertThat(ServerTime.between(before, before)).isNull();
        assertThat(ServerTime.between(Map.of(), Map.of())).isNull();
        assertThat(ServerTime.between(before, cumulative(5, 5, 5, 105)).p99Ms()).isNull();
    }
}
