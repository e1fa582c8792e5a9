package io.nbo.load.report;

import java.util.List;
import java.util.Optional;

/**
 * One phase of a run. {@code model} is {@code open} (constant arrival rate, latency from intended send
 * times) or {@code closed} (callers wait for each answer: finds the maximum throughput).
 * {@code cpu} says where the machine's cores went meanwhile: a large {@code otherCores} means something
 * outside the test competed for the CPU. {@code freshness} is null when the phase sent no probes;
 * {@code applied}, the service's own histogram over the phase, is null where it was not read, and so is
 * {@code decisionServerTime}, the service's own time for the decisions it answered, where it answered none.
 */
public record PhaseResult(String name, String model, double seconds, CpuMeter.CpuUsage cpu, List<RouteResult> routes,
                          FreshnessResult freshness, AppliedFreshness applied, ServerTime decisionServerTime) {
    public PhaseResult {
        routes = List.copyOf(routes);
    }

    public Optional<RouteResult> route(String route) {
        return routes.stream().filter(r -> r.route().equals(route)).findFirst();
    }
}
