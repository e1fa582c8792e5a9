package io.nbo.load.report;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The run as a plain-text table for the terminal and for pasting into docs. */
public final class ReportTable {
    private static final String ROW = "%-32s %9s %9s %8s %9s %9s %9s %9s  %s%n";

    private ReportTable() {
    }

    public static String render(RunResult run) {
        StringBuilder out = new StringBuilder();
        Machine m = run.machine();
        out.append(String.format(Locale.ROOT, "Machine: %d cores, %s, %.1f GiB, %s, %s%n", m.cores(), m.cpu(),
                m.memoryBytes() / (1024.0 * 1024 * 1024), m.jvm(), m.os()));
        out.append("Target:  ").append(run.target().url())
                .append(run.target().startedByHarness() ? " (started by the harness)" : "").append('\n');
        out.append("Started: ").append(run.startedAt()).append('\n');
        PopulationResult population = run.population();
        if (population != null) {
            out.append(String.format(Locale.ROOT, "Population: %d customers, one event each, taken in after %.1f s "
                            + "(%s events/s%s); Kafka Streams state on disk: %s%n", population.customers(),
                    population.seconds(), number(population.eventsPerSecond()),
                    population.serviceCaughtUp() ? "" : ", NOT caught up",
                    population.stateBytes() == null ? "not measured"
                            : population.stateBytes() + " bytes = " + population.stateBytesPerCustomer()
                            + " bytes per customer"));
        }
        for (PhaseResult phase : run.phases()) {
            CpuMeter.CpuUsage cpu = phase.cpu();
            out.append('\n').append(String.format(Locale.ROOT, "Phase %s (%s model, %.1f s; cores busy %.2f: "
                            + "harness %.2f, service %s, other %.2f)%n", phase.name(), phase.model(), phase.seconds(),
                    cpu.machineCores(), cpu.harnessCores(),
                    cpu.serviceCores() < 0 ? "not measured" : String.format(Locale.ROOT, "%.2f (its broker %.2f)",
                            cpu.serviceCores(), cpu.brokerCores()),
                    cpu.otherCores()));
            out.append(String.format(Locale.ROOT, ROW, "route", "target/s", "ok/s", "sent", "p50 ms", "p99 ms",
                    "p99.9 ms", "max ms", "errors"));
            for (RouteResult r : phase.routes()) {
                LatencySummary l = r.latency();
                out.append(String.format(Locale.ROOT, ROW, r.route(),
                        r.targetRatePerSecond() == null ? "max" : number(r.targetRatePerSecond()),
                        number(r.throughputPerSecond()), r.sent(), ms(l.p50Ms()), ms(l.p99Ms()), ms(l.p999Ms()),
                        ms(l.maxMs()), errors(r.errors())));
            }
            FreshnessResult f = phase.freshness();
            if (f != null) {
                LatencySummary l = f.latency();
                out.append(String.format(Locale.ROOT, ROW, "freshness: event -> decision", "", "", f.probes(),
                        ms(l.p50Ms()), ms(l.p99Ms()), ms(l.p999Ms()), ms(l.maxMs()),
                        "reflected " + f.reflected() + ", timed out " + f.timedOut()
                                + (f.failures().isEmpty() ? "" : ", " + errors(f.failures()))
                                + " (polled every " + f.pollIntervalMs() + " ms)"));
            }
            ServerTime server = phase.decisionServerTime();
            if (server != null) {
                out.append(String.format(Locale.ROOT, ROW, "decisions: time in the service", "", "",
                        server.decisions(), orDash(server.p50Ms()), orDash(server.p99Ms()), orDash(server.p999Ms()), "",
                        String.format(Locale.ROOT, "%.2f%% within %.0f ms (service histogram, every answered decision)",
                                server.withinTarget() * 100, server.withinTargetMs())));
            }
            AppliedFreshness a = phase.applied();
            if (a != null) {
                out.append(String.format(Locale.ROOT, ROW, "freshness: accepted -> profile", "", "", a.events(),
                        orDash(a.p50Ms()), orDash(a.p99Ms()), "", "",
                        String.format(Locale.ROOT, "%.2f%% within %.0f ms (service histogram, every posted event)",
                                a.withinTarget() * 100, a.targetMs())));
            }
        }
        out.append('\n').append("Baselines measured in this run").append('\n');
        Baselines b = run.baselines();
        out.append(line("offers max / ping max throughput", b.offerMaxThroughputPerSecond(),
                b.pingMaxThroughputPerSecond(), b.offerToPingMaxThroughput(), "/s"));
        out.append(line("offers p50 / ping p50, same open rate", null, null, b.offerToPingP50SameRate(), ""));
        out.append(line("offers p99 / ping p99, same open rate", null, null, b.offerToPingP99SameRate(), ""));
        IngestResult ingest = b.ingest();
        if (ingest != null) {
            out.append(line("service ingest / plain consumer", ingest.serviceEventsPerSecond(),
                    ingest.rawEventsPerSecond(), b.serviceToRawIngest(), " events/s"));
            out.append(String.format(Locale.ROOT, "  (%d events produced in %.2f s; service %s after %.2f s; "
                            + "plain consumer read %d in %.2f s, %d refused by the codec)%n",
                    ingest.eventsProduced(), ingest.produceSeconds(),
                    ingest.serviceCaughtUp() ? "caught up" : "had NOT caught up", ingest.serviceSeconds(),
                    ingest.rawRecords(), ingest.rawSeconds(), ingest.rawDecodeRefusals()));
        }
        run.notes().forEach(note -> out.append("Note: ").append(note).append('\n'));
        return out.toString();
    }

    private static String line(String label, Double left, Double right, Double ratio, String unit) {
        String figures = left == null || right == null ? ""
                : number(left) + unit + " / " + number(right) + unit + " = ";
        return String.format(Locale.ROOT, "  %-40s %s%s%n", label + ":", figures,
                ratio == null ? "not measured" : String.format(Locale.ROOT, "%.3f", ratio));
    }

    private static String errors(Map<String, Long> errors) {
        return errors.isEmpty() ? "-" : errors.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String orDash(Double milliseconds) {
        return milliseconds == null ? "-" : ms(milliseconds);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
