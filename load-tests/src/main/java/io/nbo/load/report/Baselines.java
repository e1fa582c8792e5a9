package io.nbo.load.report;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Ratios against the baselines measured in the same run, so runs on different machines can be compared by
 * what the service adds rather than by raw numbers. A ratio is null when a phase it needs was skipped.
 */
public record Baselines(Double offerMaxThroughputPerSecond, Double pingMaxThroughputPerSecond,
                        Double offerToPingMaxThroughput, Double offerToPingP50SameRate,
                        Double offerToPingP99SameRate, IngestResult ingest, Double serviceToRawIngest) {
    public static final String PING_OPEN = "ping-open";
    public static final String OFFERS_OPEN = "offers-open";
    public static final String PING_MAX = "ping-max";
    public static final String OFFERS_MAX = "offers-max";

    public static Baselines from(List<PhaseResult> phases, String offersRoute, String pingRoute, IngestResult ingest) {
        Double offerMax = value(phases, OFFERS_MAX, offersRoute, RouteResult::throughputPerSecond);
        Double pingMax = value(phases, PING_MAX, pingRoute, RouteResult::throughputPerSecond);
        Double offerP50 = value(phases, OFFERS_OPEN, offersRoute, r -> r.latency().p50Ms());
        Double pingP50 = value(phases, PING_OPEN, pingRoute, r -> r.latency().p50Ms());
        Double offerP99 = value(phases, OFFERS_OPEN, offersRoute, r -> r.latency().p99Ms());
        Double pingP99 = value(phases, PING_OPEN, pingRoute, r -> r.latency().p99Ms());
        Double ingestRatio = ingest == null || ingest.rawEventsPerSecond() <= 0 ? null
                : round(ingest.serviceToRawRatio());
        return new Baselines(offerMax, pingMax, ratio(offerMax, pingMax), ratio(offerP50, pingP50),
                ratio(offerP99, pingP99), ingest, ingestRatio);
    }

    static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator <= 0) {
            return null;
        }
        return round(numerator / denominator);
    }

    private static Double value(List<PhaseResult> phases, String phase, String route,
                                ToDoubleFunction<RouteResult> figure) {
        Optional<RouteResult> result = phases.stream().filter(p -> p.name().equals(phase)).findFirst()
                .flatMap(p -> p.route(route));
        return result.map(r -> round(figure.applyAsDouble(r))).orElse(null);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
