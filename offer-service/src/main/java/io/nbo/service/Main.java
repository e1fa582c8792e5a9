package io.nbo.service;

import io.nbo.service.access.ApiKey;
import io.nbo.service.access.GeneratedKeys;
import io.nbo.service.access.Role;
import io.nbo.service.config.InvalidConfigException;
import io.nbo.service.config.ServiceConfig;
import io.nbo.service.demo.DemoCatalogue;
import io.nbo.service.demo.DemoTraffic;
import io.nbo.service.kafka.EventPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point: reads configuration, starts the service, prints where to find it. */
@Command(name = "offer-service", mixinStandardHelpOptions = true,
        description = "Streaming next-best-offer service. Without KAFKA_BOOTSTRAP_SERVERS it starts an embedded "
                + "Kafka broker and loads a demo catalogue.")
public final class Main implements Callable<Integer> {
    @Option(names = "--config", description = "Properties file with settings (same keys as the environment). "
            + "Default: ./offer-service.properties when it exists.")
    private Path configFile;

    @Option(names = "--demo-traffic", arity = "0..1", fallbackValue = "20", paramLabel = "EVENTS_PER_SECOND",
            description = "Generate synthetic shopper events (default rate when given without a value: 20/s).")
    private Integer demoTraffic;

    @Option(names = "--port", description = "HTTP port (overrides PORT).")
    private Integer port;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (port != null) {
            environment.put("PORT", port.toString());
        }
        if (demoTraffic != null) {
            environment.put("DEMO_EVENTS_PER_SECOND", demoTraffic.toString());
        }
        Path file = configFile;
        if (file == null && Files.isRegularFile(Path.of("offer-service.properties"))) {
            file = Path.of("offer-service.properties");
        }
        ServiceConfig config;
        try {
            config = ServiceConfig.load(file, environment);
        } catch (InvalidConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return 2;
        }
        // Ctrl+C while the broker and the streams start ends the JVM before the service's own stop exists: said here,
        // so the terminal does not just fall silent (the broker, a child, ends with its parent).
        Thread stoppedWhileStarting = new Thread(() -> System.out.println(
                "Next-best-offer service stopped before it was ready"), "offer-service-stop-during-start");
        Runtime.getRuntime().addShutdownHook(stoppedWhileStarting);
        OfferService service;
        try {
            service = OfferService.start(config);
        } catch (InvalidConfigException e) {
            Runtime.getRuntime().removeShutdownHook(stoppedWhileStarting);
            System.err.println("Cannot start: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            // Failed, not stopped: the failure says what happened.
            Runtime.getRuntime().removeShutdownHook(stoppedWhileStarting);
            throw e;
        }
        boolean loadCatalogue = config.embeddedKafka() && config.loadDemoCatalogue();
        // The demo's own producer exists only when there is a demo: a deployment starts none.
        EventPublisher demoPublisher = loadCatalogue || config.demoEventsPerSecond() > 0
                ? new EventPublisher(service.bootstrapServers()) : null;
        if (demoPublisher != null) {
            demoPublisher.warmUp();
        }
        int loaded = loadCatalogue ? DemoCatalogue.loadIfNeverLoaded(service.bootstrapServers(), demoPublisher) : 0;
        DemoTraffic traffic = config.demoEventsPerSecond() > 0
                ? new DemoTraffic(demoPublisher, "http://127.0.0.1:" + service.httpPort(), service.keyFor(Role.SITE),
                        config.demoEventsPerSecond())
                : null;
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        try {
            Runtime.getRuntime().removeShutdownHook(stoppedWhileStarting);
        } catch (IllegalStateException stopping) {
            // Ctrl+C came during the demo's catalogue load: that hook says so, and the JVM is on its way out.
            return 0;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (traffic != null) {
                traffic.close();
            }
            if (demoPublisher != null) {
                demoPublisher.close();
            }
            service.close();
            System.out.println("Next-best-offer service stopped");
            exitCode.complete(0);
        }, "offer-service-stop"));
        printBanner(service, config, loaded);
        service.streamsStoppedOnTheirOwn().thenAccept(state -> {
            System.err.println("Kafka Streams stopped on its own (" + state + ", the log says why): the service "
                    + "stops too, so that whatever supervises it starts it again");
            exitCode.complete(1);
        });
        // Returned to main, which exits with it; the stop hook above then closes the service.
        return exitCode.get();
    }

    private static void printBanner(OfferService service, ServiceConfig config, int loaded) {
        String url = service.url();
        System.out.println();
        System.out.println("Next-best-offer service ready at " + url);
        System.out.println("  Kafka: " + service.bootstrapServers() + (config.embeddedKafka() ? " (embedded)" : ""));
        System.out.println("  State: " + config.stateDir().toAbsolutePath());
        if (loaded > 0) {
            System.out.println("  Demo catalogue loaded: " + loaded + " offers");
        }
        if (config.demoEventsPerSecond() > 0) {
            System.out.println("  Demo traffic: " + config.demoEventsPerSecond()
                    + " events/s for customers demo-0..demo-199, who also take and answer offers");
        }
        boolean generated = config.apiKeys().isEmpty();
        if (generated) {
            Path keysFile = config.stateDir().toAbsolutePath().normalize().resolve(GeneratedKeys.FILE_NAME);
            System.out.println("  API keys, new at every start (in a shell: source " + keysFile + "):");
            for (ApiKey key : service.apiKeys()) {
                System.out.println("    " + GeneratedKeys.variableName(key.role()) + "=" + key.secret());
            }
        } else {
            System.out.println("  API keys: " + service.apiKeys().size() + " from API_KEYS");
        }
        String siteKey = generated ? service.keyFor(Role.SITE) : "<site key>";
        System.out.println("  Try: curl -H 'X-API-Key: " + siteKey + "' '" + url
                + "/v1/customers/demo-1/offers?channel=web&placement=home'");
        System.out.println("  Screens: " + url + "/call-centre?customer=demo-1"
                + (generated ? "#key=" + service.keyFor(Role.AGENT) : ""));
        System.out.println("           " + url + "/dashboard" + (generated ? "#key=" + service.keyFor(Role.MARKETER) : ""));
        System.out.println("  API: " + url + "/openapi.yaml   Press Ctrl+C to stop.");
        System.out.println();
    }
}
