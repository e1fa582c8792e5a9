package io.nbo.load;

import io.nbo.load.driver.ClosedLoop;
import io.nbo.load.driver.ServiceHistograms;
import io.nbo.load.driver.FreshnessProbe;
import io.nbo.load.driver.OpenLoop;
import io.nbo.load.driver.ServiceClient;
import io.nbo.load.ingest.IngestBenchmark;
import io.nbo.load.report.AppliedFreshness;
import io.nbo.load.report.Baselines;
import io.nbo.load.report.CpuMeter;
import io.nbo.load.report.IngestResult;
import io.nbo.load.report.Machine;
import io.nbo.load.report.PhaseResult;
import io.nbo.load.report.PopulationResult;
import io.nbo.load.report.RouteResult;
import io.nbo.load.report.RouteStats;
import io.nbo.load.report.RunResult;
import io.nbo.load.report.ServerTime;
import io.nbo.load.service.Loopback;
import io.nbo.load.service.ServiceProcess;
import io.nbo.load.traffic.Customers;
import io.nbo.load.traffic.EventFactory;
import io.nbo.load.traffic.RecentDecisions;
import io.nbo.schemas.events.CustomerEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * One run: start (or reach) the service, warm up, the mixed open-model phase with freshness probes, then
 * the same-run baselines (ping and offers at the same open rate, both at maximum rate, Kafka ingest), and
 * stop the service again. Progress goes to stderr; the caller prints and writes the result.
 */
final class LoadRun {
    static final String OFFERS_ROUTE = "GET /v1/customers/{id}/offers";
    static final String EVENTS_ROUTE = "POST /v1/events";
    static final String RESPONSES_ROUTE = "POST /v1/responses";
    static final String PING_ROUTE = "GET /v1/ping";
    private static final long MAX_CLOSED_LOOP_REQUESTS = 50_000_000L;

    private final LoadSettings settings;
    private final String commandLine;
    private final String runTag;
    private final Customers customers;
    private final SplittableRandom random;
    private final RecentDecisions recentDecisions = new RecentDecisions(1024);
    private final AtomicLong answeredDecisions = new AtomicLong();
    private CpuMeter cpu = new CpuMeter(Optional.empty());
    private String apiKey;

    LoadRun(LoadSettings settings, String commandLine) {
        this.settings = settings;
        this.commandLine = commandLine;
        this.random = new SplittableRandom(settings.seed());
        this.runTag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        this.customers = new Customers(settings.customers(), settings.zipfExponent());
    }

    RunResult run() throws Exception {
        String startedAt = Instant.now().toString();
        List<String> notes = new ArrayList<>();
        List<PhaseResult> phases = new ArrayList<>();
        IngestResult ingest = null;
        PopulationResult population = null;
        ServiceProcess process = null;
        try {
            URI url;
            String bootstrap;
            if (settings.url() == null) {
                process = ServiceProcess.start(Path.of(settings.serviceJar()), settings.serviceJavaOptions(),
                        settings.keepState());
                url = process.url();
                apiKey = process.apiKey();
                cpu = new CpuMeter(Optional.of(process.handle()));
                bootstrap = process.bootstrapServers();
                progress("started the service (pid " + process.pid() + ") at " + url + ", log " + process.logFile());
            } else {
                url = Loopback.serviceUrl(settings.url());
                apiKey = settings.apiKey();
                bootstrap = settings.bootstrap() == null ? null : Loopback.bootstrap(settings.bootstrap());
            }
            RunResult.Target target = new RunResult.Target(url.toString(), bootstrap, process != null,
                    process != null ? settings.serviceJar() : null);
            try (ServiceClient client = new ServiceClient(url, apiKey, settings.connections(), settings.maxQueued(),
                    settings.requestTimeout(), settings.clientEventLoops());
                 ServiceClient probeClient = new ServiceClient(url, apiKey, 2, 10_000, settings.requestTimeout(), 1)) {
                Readiness.await(client, process, Duration.ofMinutes(3));
                if (process != null) {
                    process.recordChildren();
                }
                progress("service ready with its catalogue");
                if (settings.populate()) {
                    population = populate(bootstrap, process, notes);
                }
                if (!settings.warmup().isZero()) {
                    progress("warm-up " + settings.warmup().toSeconds() + " s (not recorded)");
                    mixed("warmup", settings.warmup(), client, null);
                }
                FreshnessProbe probe = new FreshnessProbe(probeClient, new EventFactory(customers, random.split(),
                        runTag), runTag, settings.probePollInterval(), settings.probeTimeout());
                progress("mixed phase " + settings.duration().toSeconds() + " s");
                phases.add(mixed("mixed", settings.duration(), client, probe));
                if (!settings.baselineDuration().isZero()) {
                    // A service that fell behind in the mixed phase would still be working through it, and the
                    // baselines would measure that work rather than an idle server.
                    settle(bootstrap, "the HTTP baselines", notes);
                    phases.addAll(baselines(url, client));
                }
            }
            if (settings.ingestEvents() > 0 && bootstrap != null) {
                progress("ingest baseline: " + settings.ingestEvents() + " events straight to Kafka");
                settle(bootstrap, "the ingest baseline", notes);
                try {
                    IngestBenchmark benchmark = new IngestBenchmark(bootstrap, settings.applicationId(),
                            settings.ingestTimeout());
                    ingest = benchmark.run(settings.ingestEvents(), new EventFactory(customers, random.split(), runTag + "k"));
                } catch (Exception e) {
                    notes.add("ingest baseline failed: " + e);
                }
            } else if (settings.ingestEvents() > 0) {
                notes.add("ingest baseline skipped: give --bootstrap with --url to measure it");
            }
            if (process != null) {
                process.problems().forEach(notes::add);
                if (population != null) {
                    population = population.withStateBytes(process.stopAndMeasureState());
                    progress("state on disk after a graceful stop: " + population.stateBytesPerCustomer()
                            + " bytes per customer");
                }
                if (!notes.isEmpty() && !settings.keepState()) {
                    process.keepForInspection();
                    notes.add("the service's state and logs are kept in " + process.logFile().getParent());
                }
            }
            return new RunResult(startedAt, commandLine, Machine.current(), target, settings.asMap(), population,
                    phases,
                    Baselines.from(phases, OFFERS_ROUTE, PING_ROUTE, ingest), notes);
        } catch (Exception | Error e) {
            if (process != null) {
                // The error names the service's log: it must still be there.
                process.keepForInspection();
                progress("the service's state and log are kept in " + process.logFile().getParent());
            }
            throw e;
        } finally {
            if (process != null) {
                process.close();
            }
        }
    }

    private PopulationResult populate(String bootstrap, ServiceProcess process, List<String> notes)
            throws Exception {
        if (bootstrap == null) {
            notes.add("population skipped: give --bootstrap with --url to populate");
            return null;
        }
        int size = customers.population();
        progress("population: one event for each of " + size + " customers, straight to Kafka");
        IngestResult taken = new IngestBenchmark(bootstrap, settings.applicationId(),
                settings.ingestTimeout().multipliedBy(Math.max(1, size / 50_000)))
                .populate(size, new EventFactory(customers, random.split(), runTag + "p"));
        progress("population taken in after " + taken.serviceSeconds() + " s");
        return new PopulationResult(size, taken.serviceCaughtUp(), taken.serviceSeconds(),
                taken.serviceEventsPerSecond(), null, null);
    }

    private PhaseResult mixed(String name, Duration duration, ServiceClient client, FreshnessProbe probe) {
        String scrapeBefore = ServiceHistograms.scrape(client);
        CpuMeter.Snapshot before = cpu.snapshot();
        RouteStats decisions = new RouteStats(OFFERS_ROUTE, 200);
        RouteStats events = new RouteStats(EVENTS_ROUTE, 202);
        RouteStats responses = new RouteStats(RESPONSES_ROUTE, 202);
        EventFactory factory = new EventFactory(customers, random, runTag);
        List<OpenLoop.Stream> streams = new ArrayList<>();
        streams.add(new OpenLoop.Stream("decisions", settings.decisionsPerSecond(), due ->
                client.send(client.get(offersPath(customers.next(random))), decisions, due, this::remember)));
        streams.add(new OpenLoop.Stream("events", settings.eventPostsPerSecond(), due -> {
            List<CustomerEvent> batch = new ArrayList<>(settings.eventBatch());
            long now = System.currentTimeMillis();
            for (int i = 0; i < settings.eventBatch(); i++) {
                batch.add(factory.nextShopperEvent(now));
            }
            client.send(client.post("/v1/events", factory.body(batch)), events, due, ignored -> {
            });
        }));
        streams.add(new OpenLoop.Stream("responses", settings.responsesPerSecond(), due -> {
            RecentDecisions.Decision decision = recentDecisions.any(random).orElseGet(factory::madeUpDecision);
            byte[] body = factory.encode(factory.response(decision, System.currentTimeMillis()));
            client.send(client.post("/v1/responses", body), responses, due, ignored -> {
            });
        }));
        if (probe != null) {
            streams.add(new OpenLoop.Stream("probes", settings.probesPerSecond(), probe::fire));
        }
        OpenLoop.run(streams, duration);
        List<RouteStats> all = List.of(decisions, events, responses);
        awaitDrained(all, probe);
        double seconds = duration.toNanos() / 1e9;
        List<RouteResult> routes = new ArrayList<>();
        if (settings.decisionsPerSecond() > 0) {
            routes.add(decisions.result(settings.decisionsPerSecond(), seconds));
        }
        if (settings.eventsPerSecond() > 0) {
            routes.add(events.result(settings.eventPostsPerSecond(), seconds));
        }
        if (settings.responsesPerSecond() > 0) {
            routes.add(responses.result(settings.responsesPerSecond(), seconds));
        }
        CpuMeter.CpuUsage used = cpu.snapshot().since(before);
        String scrapeAfter = ServiceHistograms.scrape(client);
        Map<Double, Long> appliedAfter = ServiceHistograms.freshness(scrapeAfter);
        return new PhaseResult(name, "open", seconds, used, routes, probe == null ? null : probe.result(),
                probe == null || appliedAfter.isEmpty() || scrapeBefore.isEmpty() ? null
                        : AppliedFreshness.between(ServiceHistograms.freshness(scrapeBefore), appliedAfter),
                decisionServerTime(scrapeBefore, scrapeAfter));
    }

    /** Waits until the service has taken in what its input topics hold; says so when it could not. */
    private void settle(String bootstrap, String before, List<String> notes) {
        if (bootstrap == null) {
            return;
        }
        try {
            long behind = new IngestBenchmark(bootstrap, settings.applicationId(), settings.ingestTimeout())
                    .awaitCaughtUp();
            if (behind > 0) {
                notes.add(before + " started with the service still " + behind + " records behind on its input topics");
            }
        } catch (Exception e) {
            notes.add("could not tell whether the service had caught up before " + before + ": " + e);
        }
    }

    private List<PhaseResult> baselines(URI url, ServiceClient client) throws InterruptedException {
        Duration duration = settings.baselineDuration();
        double rate = settings.decisionsPerSecond() > 0 ? settings.decisionsPerSecond() : 200;
        List<PhaseResult> phases = new ArrayList<>();
        progress("baseline: ping, then offers alone, at " + rate + "/s for " + duration.toSeconds() + " s each");
        phases.add(openSingle(Baselines.PING_OPEN, PING_ROUTE, rate, duration,
                due -> client.get("/v1/ping"), client));
        phases.add(openSingle(Baselines.OFFERS_OPEN, OFFERS_ROUTE, rate, duration,
                due -> client.get(offersPath(customers.next(random))), client));
        int users = settings.maxRateConnections();
        progress("baseline: ping, then offers, at maximum rate with " + users + " connections");
        try (ServiceClient max = new ServiceClient(url, apiKey, users, users, settings.requestTimeout(),
                settings.clientEventLoops())) {
            phases.add(closed(Baselines.PING_MAX, PING_ROUTE, max, () -> max.get("/v1/ping")));
            SplittableRandom own = random.split();
            phases.add(closed(Baselines.OFFERS_MAX, OFFERS_ROUTE, max,
                    () -> max.get(offersPath(customers.next(own)))));
        }
        return phases;
    }

    private PhaseResult openSingle(String name, String route, double rate, Duration duration,
                                   LongFunction<Future<HttpResponse<Buffer>>> request,
                                   ServiceClient client) {
        String scrapeBefore = ServiceHistograms.scrape(client);
        CpuMeter.Snapshot before = cpu.snapshot();
        RouteStats stats = new RouteStats(route, 200);
        OpenLoop.run(List.of(new OpenLoop.Stream(name, rate,
                due -> client.send(request.apply(due), stats, due, ignored -> {
                }))), duration);
        awaitDrained(List.of(stats), null);
        double seconds = duration.toNanos() / 1e9;
        CpuMeter.CpuUsage used = cpu.snapshot().since(before);
        return new PhaseResult(name, "open", seconds, used, List.of(stats.result(rate, seconds)), null, null,
                decisionServerTime(scrapeBefore, ServiceHistograms.scrape(client)));
    }

    private PhaseResult closed(String name, String route, ServiceClient client,
                               Supplier<Future<HttpResponse<Buffer>>> request)
            throws InterruptedException {
        int users = settings.maxRateConnections();
        ClosedLoop.run(client, users, Duration.ofSeconds(2), MAX_CLOSED_LOOP_REQUESTS, request,
                new RouteStats(route, 200));
        RouteStats stats = new RouteStats(route, 200);
        String scrapeBefore = ServiceHistograms.scrape(client);
        CpuMeter.Snapshot before = cpu.snapshot();
        double seconds = ClosedLoop.run(client, users, settings.baselineDuration(), MAX_CLOSED_LOOP_REQUESTS,
                request, stats);
        CpuMeter.CpuUsage used = cpu.snapshot().since(before);
        return new PhaseResult(name, "closed", Math.round(seconds * 1000) / 1000.0, used,
                List.of(stats.result(null, seconds)), null, null,
                decisionServerTime(scrapeBefore, ServiceHistograms.scrape(client)));
    }

    /** Null where a scrape failed: counts since the start would pass for the phase's. */
    private static ServerTime decisionServerTime(String scrapeBefore, String scrapeAfter) {
        if (scrapeBefore.isEmpty() || scrapeAfter.isEmpty()) {
            return null;
        }
        return ServerTime.between(ServiceHistograms.decisionTime(scrapeBefore),
                ServiceHistograms.decisionTime(scrapeAfter));
    }

    /** Keeps some answered decisions so offer responses can refer to them. */
    private void remember(HttpResponse<Buffer> answer) {
        if (answer.statusCode() != 200 || answeredDecisions.incrementAndGet() % 4 != 0) {
            return;
        }
        JsonObject decision = answer.bodyAsJsonObject();
        JsonArray offers = decision.getJsonArray("offers");
        if (offers != null && !offers.isEmpty()) {
            JsonObject first = offers.getJsonObject(0);
            recentDecisions.add(new RecentDecisions.Decision(decision.getString("decisionId"),
                    decision.getString("customerId"), first.getString("offerId"), first.getString("campaignId")));
        }
    }

    private void awaitDrained(List<RouteStats> stats, FreshnessProbe probe) {
        long deadline = System.nanoTime() + settings.requestTimeout().plus(settings.probeTimeout())
                .plusSeconds(5).toNanos();
        while (System.nanoTime() < deadline && (stats.stream().anyMatch(s -> s.inFlight() > 0)
                || (probe != null && probe.pending() > 0))) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static String offersPath(int customer) {
        return "/v1/customers/" + Customers.id(customer) + "/offers?channel=web&placement=home";
    }

    static void progress(String message) {
        System.err.println("[load-test] " + message);
    }
}
