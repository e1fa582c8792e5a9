package io.nbo.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final String OFFERS = "GET /v1/customers/{id}/offers";
    private static final String PING = "GET /v1/ping";

    @Test
    void shouldRelateTheOfferRouteToPingFromTheSameRun() {
        List<PhaseResult> phases = List.of(
                phase(Baselines.PING_OPEN, PING, 0, 0.5, 2.0),
                phase(Baselines.OFFERS_OPEN, OFFERS, 0, 1.5, 3.0),
                phase(Baselines.PING_MAX, PING, 20_000, 0.3, 1.0),
                phase(Baselines.OFFERS_MAX, OFFERS, 5_000, 2.0, 9.0));
        IngestResult ingest = new IngestResult(1000, 1000, 0.1, true, 0.5, 2000, 1000, 0, 0.05, 20_000);

        Baselines baselines = Baselines.from(phases, OFFERS, PING, ingest);

        assertThat(baselines.offerToPingMaxThroughput()).isEqualTo(0.25);
        assertThat(baselines.offerToPingP50SameRate()).isEqualTo(3.0);
        assertThat(baselines.offerToPingP99SameRate()).isEqualTo(1.5);
        assertThat(baselines.serviceToRawIngest()).isEqualTo(0.1);
    }

    @Test
    void shouldLeaveRatiosOutWhenTheirPhasesWereSkipped() {
        Baselines baselines = Baselines.from(List.of(phase("mixed", OFFERS, 200, 1, 2)), OFFERS, PING, null);

        assertThat(baselines.offerToPingMaxThroughput()).isNull();
        assertThat(baselines.offerToPingP99SameRate()).isNull();
        assertThat(baselines.serviceToRawIngest()).isNull();
    }

    static PhaseResult phase(String name, String route, double throughput, double p50, double p99) {
        LatencySummary latency = new LatencySummary(100, p50, p50, p50, p99, p99, p99);
        RouteResult result = new RouteResult(route, null, 100, 100, 100, throughput, latency, Map.of());
        return new PhaseResult(name, "open", 10, CpuMeter.CpuUsage.UNKNOWN, List.of(result), null, null, null);
    }
}
