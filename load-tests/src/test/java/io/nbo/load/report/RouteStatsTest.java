package io.nbo.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RouteStatsTest {

    @Test
    void shouldReportPercentilesInMillisecondsWithinHistogramPrecision() {
        Histogram micros = LatencySummary.newMicrosHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            micros.recordValue(ms * 1000L);
        }

        LatencySummary summary = LatencySummary.ofMicros(micros);

        assertThat(summary.count()).isEqualTo(1000);
        // 3 significant digits: each figure is within 0.1% of the exact one.
        assertThat(summary.p50Ms()).isCloseTo(500, within(0.5));
        assertThat(summary.p90Ms()).isCloseTo(900, within(0.9));
        assertThat(summary.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(summary.p999Ms()).isCloseTo(999, within(1.0));
        assertThat(summary.maxMs()).isCloseTo(1000, within(1.0));
        assertThat(summary.meanMs()).isCloseTo(500.5, within(0.5));
    }

    @Test
    void shouldShowASingleSlowRequestOnlyAtTheTopPercentiles() {
        RouteStats stats = new RouteStats("GET /x", 200);
        for (int i = 0; i < 999; i++) {
            stats.sent();
            stats.answered(200, Duration.ofMillis(2).toNanos());
        }
        stats.sent();
        stats.answered(200, Duration.ofSeconds(3).toNanos());

        LatencySummary summary = stats.result(100.0, 10).latency();

        assertThat(summary.p50Ms()).isCloseTo(2, within(0.01));
        assertThat(summary.p99Ms()).isCloseTo(2, within(0.01));
        assertThat(summary.maxMs()).isCloseTo(3000, within(3.0));
    }

    @Test
    void shouldCountErrorsByStatusOrFailureAndThroughputFromSuccessesOnly() {
        RouteStats stats = new RouteStats("POST /v1/events", 202);
        for (int i = 0; i < 10; i++) {
            stats.sent();
        }
        for (int i = 0; i < 6; i++) {
            stats.answered(202, 1_000_000);
        }
        stats.answered(503, 1_000_000);
        stats.answered(503, 1_000_000);
        stats.failed("timeout", 10_000_000_000L);

        RouteResult result = stats.result(5.0, 2.0);

        assertThat(result.sent()).isEqualTo(10);
        assertThat(result.finished()).isEqualTo(9);
        assertThat(stats.inFlight()).isEqualTo(1);
        assertThat(result.ok()).isEqualTo(6);
        assertThat(result.throughputPerSecond()).isEqualTo(3.0);
        assertThat(result.errors()).isEqualTo(Map.of("503", 2L, "timeout", 1L));
        assertThat(result.errorCount()).isEqualTo(3);
        assertThat(result.latency().maxMs()).as("a timeout counts with the time it took")
                .isCloseTo(10_000, within(10.0));
    }

    @Test
    void shouldLeaveRequestsTheHarnessNeverSentOutOfTheLatencies() {
        RouteStats stats = new RouteStats("GET /x", 200);
        for (int i = 0; i < 10; i++) {
            stats.sent();
        }
        stats.answered(200, Duration.ofMillis(800).toNanos());
        stats.answered(200, Duration.ofMillis(900).toNanos());
        for (int i = 0; i < 8; i++) {
            stats.failed(RouteStats.NOT_SENT, 1_000);
        }

        RouteResult result = stats.result(10.0, 1.0);

        assertThat(result.finished()).isEqualTo(10);
        assertThat(result.errors()).isEqualTo(Map.of(RouteStats.NOT_SENT, 8L));
        assertThat(result.latency().count()).as("only what reached the service").isEqualTo(2);
        assertThat(result.latency().p50Ms()).as("not the refusals' microseconds").isGreaterThan(700);
    }

    @Test
    void shouldReportZerosWhenNothingWasRecorded() {
        RouteResult result = new RouteStats("GET /v1/ping", 200).result(null, 0);

        assertThat(result.latency()).isEqualTo(LatencySummary.EMPTY);
        assertThat(result.throughputPerSecond()).isZero();
    }
}
