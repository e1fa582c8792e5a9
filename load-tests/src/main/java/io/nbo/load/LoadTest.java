package io.nbo.load;

import io.nbo.load.report.ReportTable;
import io.nbo.load.report.ResultsWriter;
import io.nbo.load.report.RunResult;
import io.nbo.load.service.Loopback;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line entry point of the load harness; see docs/benchmarks.md. */
@Command(name = "load-test", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"Open-model load test of the next-best-offer service, with same-run baselines.",
                "Without --url it starts offer-service/target/offer-service.jar itself (embedded Kafka, "
                        + "demo catalogue, free loopback ports) and stops it at the end."})
public final class LoadTest implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", description = "Base URL of a running service (loopback only), e.g. http://localhost:8080.")
    private String url;
    @Option(names = "--bootstrap", description = "Kafka bootstrap of that service (loopback only); "
            + "needed with --url for the ingest baseline.")
    private String bootstrap;
    @Option(names = "--api-key", defaultValue = "${env:NBO_ADMIN_KEY}", showDefaultValue = Visibility.NEVER,
            description = "Admin key of the service at --url (default: $NBO_ADMIN_KEY); a started service gets "
                    + "its own.")
    private String apiKey;
    @Option(names = "--application-id", defaultValue = "nbo-offer-service",
            description = "Kafka Streams application id = consumer group of the service.")
    private String applicationId;
    @Option(names = "--service-jar", defaultValue = "offer-service/target/offer-service.jar",
            description = "Service jar to start when --url is not given.")
    private String serviceJar;
    @Option(names = "--service-java-option", paramLabel = "OPTION",
            description = "JVM option for the started service, repeatable (e.g. -Xmx1g).")
    private List<String> serviceJavaOptions = new ArrayList<>();

    @Option(names = "--warmup", defaultValue = "150s", converter = DurationConverter.class,
            description = "Unrecorded warm-up at the mixed rates. On 2 cores the "
                    + "service's JIT compiler keeps a third to a half of a core busy for the first 70 s or so; "
                    + "shorter warm-ups measure the compiler too.")
    private Duration warmup;
    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "Length of the recorded mixed phase.")
    private Duration duration;
    @Option(names = "--decisions-per-second", defaultValue = "200", description = "Offer decisions per second.")
    private double decisionsPerSecond;
    @Option(names = "--events-per-second", defaultValue = "500", description = "Events per second (in batches).")
    private double eventsPerSecond;
    @Option(names = "--event-batch", defaultValue = "10", description = "Events per POST /v1/events (1-500).")
    private int eventBatch;
    @Option(names = "--responses-per-second", defaultValue = "50", description = "Offer responses per second.")
    private double responsesPerSecond;
    @Option(names = "--probes-per-second", defaultValue = "2", description = "Freshness probes per second.")
    private double probesPerSecond;
    @Option(names = "--probe-poll-interval", defaultValue = "10ms", converter = DurationConverter.class,
            description = "How often a probe asks for a decision (its resolution).")
    private Duration probePollInterval;
    @Option(names = "--probe-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "When a probe gives up.")
    private Duration probeTimeout;
    @Option(names = "--customers", defaultValue = "100000",
            description = "Population size.")
    private int customers;
    @Option(names = "--zipf-exponent", defaultValue = "1.0", description = "Skew of activity; 0 = uniform.")
    private double zipfExponent;
    @Option(names = "--connections", defaultValue = "32", description = "HTTP connections for the open phases.")
    private int connections;
    @Option(names = "--max-queued", defaultValue = "10000",
            description = "Requests that may wait for a connection before the client refuses more.")
    private int maxQueued;
    @Option(names = "--client-event-loops", defaultValue = "1", description = "Event-loop threads of the client.")
    private int clientEventLoops;
    @Option(names = "--request-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Client-side timeout per request.")
    private Duration requestTimeout;
    @Option(names = "--baseline-duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "Length of each HTTP baseline phase; 0s skips them.")
    private Duration baselineDuration;
    @Option(names = "--max-rate-connections", defaultValue = "16",
            description = "Connections (= callers) of the closed-loop maximum-rate phases.")
    private int maxRateConnections;
    @Option(names = "--ingest-events", defaultValue = "50000",
            description = "Events for the Kafka ingest baseline; 0 skips it.")
    private int ingestEvents;
    @Option(names = "--ingest-timeout", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long the ingest baseline waits for the service to catch up.")
    private Duration ingestTimeout;
    @Option(names = "--json", defaultValue = "load-tests/target/load-results.json",
            description = "Where to write the results as JSON.")
    private Path json;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the traffic generator.")
    private long seed;
    @Option(names = "--populate", description = "Before the warm-up, give every customer of the population one "
            + "event straight through Kafka, so state exists for all of them; reports the state on disk per customer.")
    private boolean populate;
    @Option(names = "--keep-state", description = "Keep the started service's state directory and log.")
    private boolean keepState;

    public static void main(String[] args) {
        // A run that fails says why in a line; the stack trace only when the cause is unexpected.
        System.exit(new CommandLine(new LoadTest()).setExecutionExceptionHandler((error, command, parsed) -> {
            boolean expected = error instanceof IllegalStateException || error instanceof IllegalArgumentException
                    || error instanceof java.io.IOException;
            command.getErr().println("load test failed: " + (expected ? error.getMessage() : error));
            if (!expected) {
                error.printStackTrace(command.getErr());
            }
            return 1;
        }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoadSettings settings = validated();
        String arguments = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String commandLine = ProcessHandle.current().info().commandLine().orElse("load-test " + arguments);
        RunResult result = new LoadRun(settings, settings.withoutKey(commandLine)).run();
        System.out.println();
        System.out.print(ReportTable.render(result));
        ResultsWriter.write(result, json);
        System.out.println();
        System.out.println("Results written to " + json.toAbsolutePath());
        return 0;
    }

    private LoadSettings validated() {
        if (url != null) {
            require(isValid(() -> Loopback.serviceUrl(url)), "--url must be http://localhost:PORT or "
                    + "http://127.0.0.1:PORT: this harness targets only this machine");
        }
        if (bootstrap != null) {
            require(isValid(() -> Loopback.bootstrap(bootstrap)), "--bootstrap must list localhost:PORT or "
                    + "127.0.0.1:PORT entries: this harness targets only this machine");
        }
        require(url == null || (apiKey != null && !apiKey.isBlank()), "--url needs --api-key (or NBO_ADMIN_KEY)");
        require(duration.toMillis() >= 1000 && duration.compareTo(Duration.ofHours(6)) <= 0,
                "--duration must be between 1s and 6h");
        require(!warmup.isNegative() && !baselineDuration.isNegative(), "durations must not be negative");
        require(baselineDuration.compareTo(Duration.ofHours(1)) <= 0, "--baseline-duration must be at most 1h");
        for (double rate : new double[] {decisionsPerSecond, eventsPerSecond, responsesPerSecond, probesPerSecond}) {
            require(rate >= 0 && rate <= 100_000, "rates must be between 0 and 100000 per second");
        }
        require(eventBatch >= 1 && eventBatch <= 500, "--event-batch must be between 1 and 500");
        require(customers >= 1 && customers <= 10_000_000, "--customers must be between 1 and 10000000");
        require(zipfExponent >= 0 && zipfExponent <= 5, "--zipf-exponent must be between 0 and 5");
        require(connections >= 1 && connections <= 1024, "--connections must be between 1 and 1024");
        require(maxRateConnections >= 1 && maxRateConnections <= 1024,
                "--max-rate-connections must be between 1 and 1024");
        require(maxQueued >= 0 && maxQueued <= 1_000_000, "--max-queued must be between 0 and 1000000");
        require(clientEventLoops >= 1 && clientEventLoops <= 64, "--client-event-loops must be between 1 and 64");
        require(ingestEvents >= 0 && ingestEvents <= 10_000_000, "--ingest-events must be between 0 and 10000000");
        require(probePollInterval.toMillis() >= 1, "--probe-poll-interval must be at least 1ms");
        return new LoadSettings(url, bootstrap, apiKey, applicationId, serviceJar, List.copyOf(serviceJavaOptions), warmup,
                duration, decisionsPerSecond, eventsPerSecond, eventBatch, responsesPerSecond, probesPerSecond,
                probePollInterval, probeTimeout, customers, zipfExponent, connections, maxQueued, clientEventLoops,
                requestTimeout, baselineDuration, maxRateConnections, ingestEvents, ingestTimeout, seed, keepState, populate);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    private static boolean isValid(Runnable check) {
        try {
            check.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
