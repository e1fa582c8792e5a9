package io.nbo.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteEverythingNeededToCompareRuns() throws Exception {
        Path file = dir.resolve("nested/run.json");

        ResultsWriter.write(sample(), file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.path("commandLine").asText()).isEqualTo("load-test --duration 15s");
        assertThat(json.path("startedAt").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(json.path("machine").path("cores").asInt()).isEqualTo(2);
        assertThat(json.path("machine").path("jvm").asText()).isEqualTo("OpenJDK 17");
        assertThat(json.path("settings").path("duration").asText()).isEqualTo("PT15S");
        assertThat(json.path("target").path("startedByHarness").asBoolean()).isTrue();
        assertThat(json.path("population").path("stateBytesPerCustomer").asDouble()).isEqualTo(512.0);

        assertThat(json.path("phases").get(0).path("cpu").path("otherCores").asDouble()).isEqualTo(0.1);
        JsonNode route = json.path("phases").get(0).path("routes").get(0);
        assertThat(route.path("route").asText()).isEqualTo("GET /v1/customers/{id}/offers");
        assertThat(route.path("throughputPerSecond").asDouble()).isEqualTo(199.5);
        assertThat(route.path("latency").path("p99Ms").asDouble()).isEqualTo(4.2);
        assertThat(route.path("latency").path("p999Ms").asDouble()).isEqualTo(7.5);
        assertThat(route.path("errors").path("503").asLong()).isEqualTo(3);

        JsonNode freshness = json.path("phases").get(0).path("freshness");
        assertThat(freshness.path("reflected").asLong()).isEqualTo(29);
        assertThat(freshness.path("latency").path("p50Ms").asDouble()).isEqualTo(120.0);
        JsonNode applied = json.path("phases").get(0).path("applied");
        assertThat(applied.path("events").asLong()).isEqualTo(2000);
        assertThat(applied.path("withinTarget").asDouble()).isEqualTo(0.995);
        JsonNode server = json.path("phases").get(0).path("decisionServerTime");
        assertThat(server.path("decisions").asLong()).isEqualTo(2997);
        assertThat(server.path("p99Ms").asDouble()).isEqualTo(2.5);

        assertThat(json.path("baselines").path("offerToPingMaxThroughput").asDouble()).isEqualTo(0.25);
        assertThat(json.path("notes").get(0).asText()).isEqualTo("a note");
    }

    @Test
    void shouldRenderTheSameFiguresAsATable() {
        String table = ReportTable.render(sample());

        assertThat(table).contains("Machine: 2 cores");
        assertThat(table).contains("Phase mixed (open model, 15.0 s; cores busy 1.90: harness 0.40, service 1.40 "
                + "(its broker 0.50), other 0.10)");
        assertThat(table).containsPattern("GET /v1/customers/\\{id}/offers +200\\.0 +199\\.5 +3000 +1\\.10 +4\\.20 "
                + "+7\\.50 +9\\.90 +503:3");
        assertThat(table).contains("reflected 29, timed out 1");
        assertThat(table).containsPattern("freshness: accepted -> profile +2000 +12\\.50 +48\\.00 .*99\\.50% within 50 ms");
        assertThat(table).containsPattern("decisions: time in the service +2997 +0\\.42 +2\\.50 +4\\.75 .*97\\.00% within 1 ms");
        assertThat(table).contains("Population: 10000 customers").contains("512.0 bytes per customer");
        assertThat(table).containsPattern("offers max / ping max throughput: +5000\\.0/s / 20000\\.0/s = 0\\.250");
        assertThat(table).contains("offers p99 / ping p99, same open rate:   not measured");
        assertThat(table).contains("Note: a note");
    }

    static RunResult sample() {
        LatencySummary latency = new LatencySummary(2997, 1.3, 1.1, 2.0, 4.2, 7.5, 9.9);
        RouteResult offers = new RouteResult("GET /v1/customers/{id}/offers", 200.0, 3000, 3000, 2997, 199.5,
                latency, Map.of("503", 3L));
        FreshnessResult freshness = new FreshnessResult(30, 29, 1, Map.of(), 10,
                new LatencySummary(29, 130, 120, 200, 250, 250, 250));
        PhaseResult mixed = new PhaseResult("mixed", "open", 15, new CpuMeter.CpuUsage(1.9, 0.4, 1.4, 0.5, 0.1), List.of(offers),
                freshness, new AppliedFreshness(2000, 50, 0.995, 12.5, 48.0),
                new ServerTime(2997, 1, 0.97, 0.42, 2.5, 4.75));
        Baselines baselines = new Baselines(5000.0, 20000.0, 0.25, 2.0, null, null, null);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("duration", "PT15S");
        return new RunResult("2026-11-24T10:00:00Z", "load-test --duration 15s",
                new Machine(2, "test cpu", 24L << 30, "OpenJDK 17", "Linux"),
                new RunResult.Target("http://127.0.0.1:8080", "localhost:9092", true, "offer-service.jar"),
                settings, new PopulationResult(10_000, true, 2.5, 4000, 5_120_000L, 512.0), List.of(mixed), baselines,
                List.of("a note"));
    }
}
