package io.nbo.load.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** Command line for {@link Simulation}: prints the policy comparison and the lift, writes JSON. */
@Command(name = "simulate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Synthetic customers with hidden preferences against a running service's public API.")
public final class Simulate implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "Base URL of a running service, e.g. http://localhost:8080")
    private String url;

    @Option(names = "--api-key", required = true, defaultValue = "${env:NBO_ADMIN_KEY}", showDefaultValue = Visibility.NEVER,
            description = "Admin key of the service (default: $NBO_ADMIN_KEY, as in the file the demo writes).")
    private String apiKey;

    @Option(names = "--steps", defaultValue = "3000", description = "Customer visits to simulate.")
    private int steps;

    @Option(names = "--customers", defaultValue = "300", description = "Synthetic customers.")
    private int customers;

    @Option(names = "--offers", defaultValue = "6", description = "Offers, one category each.")
    private int offers;

    @Option(names = "--control-share", defaultValue = "0.2", description = "Campaign control share.")
    private double controlShare;

    @Option(names = "--seed", defaultValue = "42")
    private long seed;

    @Option(names = "--out", description = "Write the results as JSON to this file.")
    private Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Simulate()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Simulation simulation = new Simulation(new HiddenWorld(offers, customers, seed), url, apiKey, run,
                seed);
        simulation.setUp(controlShare);
        long learningDelay = simulation.learningDelayMillis();
        System.out.printf(Locale.ROOT, "An accept reached the next decision's propensity after %d ms%n", learningDelay);
        long started = System.nanoTime();
        simulation.run(steps);
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(3000); // let the last responses and purchases reach the campaign totals
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("steps", steps).put("customers", customers).put("offers", offers).put("seconds", seconds)
                .put("learningDelayMillis", learningDelay);
        System.out.printf(Locale.ROOT, "%nSimulated %d visits of %d customers in %.1f s%n%n", steps, customers, seconds);
        System.out.printf(Locale.ROOT, "%-34s %10s %12s %20s%n", "policy", "decisions", "accept rate",
                "revenue / decision");
        var policies = result.putArray("policies");
        for (PolicyScore score : simulation.scores()) {
            System.out.printf(Locale.ROOT, "%-34s %10d %12.3f %20.2f%n", score.policy(), score.decisions(),
                    score.acceptRate(), score.revenuePerDecision());
            policies.addObject().put("policy", score.policy()).put("decisions", score.decisions())
                    .put("acceptRate", score.acceptRate()).put("revenuePerDecision", score.revenuePerDecision());
        }
        double[] truth = simulation.trueConversion();
        JsonNode stats = simulation.serviceStats();
        JsonNode reported = stats.at("/lift/conversionRate");
        System.out.printf(Locale.ROOT, "%nConversion lift (treatment - control), campaign %s:%n", simulation.campaignId());
        System.out.printf(Locale.ROOT, "  simulator ledger : %.3f - %.3f = %+.3f  (n = %.0f / %.0f)%n", truth[0],
                truth[1], truth[0] - truth[1], truth[2], truth[3]);
        System.out.printf(Locale.ROOT, "  service reports  : %s - %s = %s  95%% CI [%s, %s]  (n = %d / %d)%n",
                figure(reported.get("treatment"), "%.3f"), figure(reported.get("control"), "%.3f"),
                figure(reported.get("difference"), "%+.3f"), figure(reported.at("/ci95/low"), "%+.3f"),
                figure(reported.at("/ci95/high"), "%+.3f"), reported.get("treatmentSize").asLong(),
                reported.get("controlSize").asLong());
        result.putObject("trueLift").put("treatment", truth[0]).put("control", truth[1])
                .put("difference", truth[0] - truth[1]);
        result.set("serviceStats", stats);
        if (out != null) {
            Files.writeString(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            System.out.println("\nResults written to " + out);
        }
        return 0;
    }

    /** The service answers null where a group has no customers yet: shown as such, not as 0. */
    private static String figure(JsonNode value, String format) {
        return value == null || !value.isNumber() ? "n/a" : String.format(Locale.ROOT, format, value.asDouble());
    }
}
