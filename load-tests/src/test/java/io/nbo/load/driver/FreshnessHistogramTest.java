package io.nbo.load.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreshnessHistogramTest {
    @Test
    void shouldReadTheCollectorsBucketsOnly() {
        String scrape = """
                # TYPE nbo_event_freshness_seconds histogram
                nbo_event_freshness_seconds_bucket{origin="collector",le="0.005"} 663
                nbo_event_freshness_seconds_bucket{origin="collector",le="0.05"} 1038.0
                nbo_event_freshness_seconds_bucket{origin="collector",le="+Inf"} 1058
                nbo_event_freshness_seconds_count{origin="collector"} 1058
                nbo_event_freshness_seconds_bucket{origin="topic",le="0.005"} 7
                """;

        assertThat(FreshnessHistogram.parse(scrape)).containsExactly(
                java.util.Map.entry(0.005, 663L), java.util.Map.entry(0.05, 1038L),
                java.util.Map.entry(Double.POSITIVE_INFINITY, 1058L));
    }
}
