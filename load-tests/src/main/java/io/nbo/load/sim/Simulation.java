package io.nbo.load.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Drives the service only through its public API with customers whose preferences it cannot see, and
 * scores three policies on the same visits: uniform random choice, static priority (always the most
 * valuable offer: the rules-only CRM), and the service's learned decisions. Also keeps its own ledger of
 * who converted in treatment and control, for the true lift next to the one the service reports.
 */
public final class Simulation {
    private final HiddenWorld world;
    private final SimHttp http;
    private final String run;
    private final Random random;
    private final PolicyScore randomPolicy = new PolicyScore("random choice");
    private final PolicyScore staticPolicy = new PolicyScore("static priority (highest value)");
    private final PolicyScore learned = new PolicyScore("learned (service)");
    private final PolicyScore learnedLate = new PolicyScore("learned, second half");
    private final Map<Integer, Ledger> ledger = new HashMap<>();
    private long eventSequence;

    public Simulation(HiddenWorld world, String baseUrl, String apiKey, String run, long seed) {
        this.world = world;
        this.http = new SimHttp(baseUrl, apiKey);
        this.run = run;
        this.random = new Random(seed);
    }

    /** Per customer: the group the service put them in, and whether they bought after first exposure. */
    static final class Ledger {
        Boolean control;
        boolean converted;
    }

    public String campaignId() {
        return "sim-" + run;
    }

    public void setUp(double controlShare) {
        http.put("/v1/campaigns/" + campaignId(), """
                {"name":"Simulation %s","controlShare":%s}""".formatted(run, controlShare));
        for (HiddenWorld.SimOffer offer : world.offers()) {
            http.put("/v1/offers/" + offerId(offer), """
                    {"campaignId":"%s","name":"Simulated %s","category":"%s","channels":["app"],"value":%s,
                     "priority":1,"priorAcceptRate":0.05,"priorStrength":10}"""
                    .formatted(campaignId(), offer.category(), offer.category(), offer.value()));
        }
    }

    /**
     * Time from posting an accept to the first decision whose propensity evidence shows it: how fast every
     * instance learns. Uses a probe offer on its own channel so it does not disturb the simulation.
     */
    public long learningDelayMillis() {
        String offerId = "sim-" + run + "-probe";
        http.put("/v1/offers/" + offerId, """
                {"campaignId":"%s-probe","name":"Probe","channels":["store"],"value":1,"priority":1}"""
                .formatted(campaignId()));
        JsonNode decision = http.get("/v1/customers/sim-" + run + "-probe/offers?channel=store&limit=1");
        long start = System.nanoTime();
        post("/v1/responses", """
                {"decisionId":"%s","customerId":"sim-%s-probe","offerId":"%s","outcome":"accept","timestamp":"%s"}"""
                .formatted(decision.get("decisionId").asText(), run, offerId, Instant.now()));
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode next = http.get("/v1/customers/sim-" + run + "-probe2/offers?channel=store&limit=1");
            if (next.at("/offers/0/propensity/successes").asDouble() > 0.5) {
                return (System.nanoTime() - start) / 1_000_000;
            }
        }
        return -1;
    }

    public void run(int steps) {
        for (int step = 0; step < steps; step++) {
            visit(random.nextInt(world.customers()), step >= steps / 2);
        }
    }

    private void visit(int customer, boolean secondHalf) {
        String customerId = world.customerId(run, customer);
        int favourite = world.favourite(customer);
        String browsed = random.nextDouble() < HiddenWorld.FAITHFUL_BROWSING ? world.offers().get(favourite).category()
                : world.offers().get(random.nextInt(world.offers().size())).category();
        post("/v1/events", """
                {"type":"product_view","eventId":"%s","customerId":"%s","timestamp":"%s","channel":"app",
                 "category":"%s","productId":"p-%s"}""".formatted(nextId(), customerId, Instant.now(), browsed, browsed));
        Ledger entry = ledger.computeIfAbsent(customer, c -> new Ledger());
        if (random.nextDouble() < HiddenWorld.ORGANIC_PURCHASE) {
            purchase(customerId, world.offers().get(favourite), entry);
        }

        List<HiddenWorld.SimOffer> offers = world.offers();
        HiddenWorld.SimOffer randomChoice = offers.get(random.nextInt(offers.size()));
        randomPolicy.record(random.nextDouble() < world.acceptProbability(customer, randomChoice), randomChoice.value());
        HiddenWorld.SimOffer richest = offers.stream().max(Comparator.comparingDouble(HiddenWorld.SimOffer::value))
                .orElseThrow();
        staticPolicy.record(random.nextDouble() < world.acceptProbability(customer, richest), richest.value());

        JsonNode decision = http.get("/v1/customers/" + customerId + "/offers?channel=app&limit=1");
        boolean held = decision.get("controlGroups").findValuesAsText("campaignId").contains(campaignId());
        if (entry.control == null && (held || decision.get("offers").size() > 0)) {
            entry.control = held;
        }
        if (held || decision.get("offers").isEmpty()) {
            return;
        }
        JsonNode shown = decision.get("offers").get(0);
        HiddenWorld.SimOffer offer = byServiceId(shown.get("offerId").asText());
        if (offer == null) {
            return;
        }
        boolean accepted = random.nextDouble() < world.acceptProbability(customer, offer);
        learned.record(accepted, offer.value());
        if (secondHalf) {
            learnedLate.record(accepted, offer.value());
        }
        post("/v1/responses", """
                {"decisionId":"%s","customerId":"%s","offerId":"%s","campaignId":"%s","outcome":"%s",
                 "timestamp":"%s"}""".formatted(decision.get("decisionId").asText(), customerId, offerId(offer),
                campaignId(), accepted ? "accept" : "decline", Instant.now()));
        if (accepted) {
            purchase(customerId, offer, entry);
        }
    }

    private void purchase(String customerId, HiddenWorld.SimOffer offer, Ledger entry) {
        post("/v1/events", """
                {"type":"purchase","eventId":"%s","customerId":"%s","timestamp":"%s","channel":"app","amount":%s,
                 "currency":"EUR","items":[{"productId":"p-%s","category":"%s","price":%s}]}"""
                .formatted(nextId(), customerId, Instant.now(), offer.value(), offer.category(), offer.category(),
                        offer.value()));
        if (entry.control != null) {
            entry.converted = true;
        }
    }

    private void post(String path, String json) {
        http.post(path, json);
    }

    private String nextId() {
        return "sim-" + run + "-e" + (eventSequence++);
    }

    private String offerId(HiddenWorld.SimOffer offer) {
        return "sim-" + run + "-" + offer.offerId().substring("sim-".length());
    }

    private HiddenWorld.SimOffer byServiceId(String offerId) {
        String prefix = "sim-" + run + "-";
        return offerId.startsWith(prefix) ? world.byId("sim-" + offerId.substring(prefix.length())) : null;
    }

    public List<PolicyScore> scores() {
        return List.of(randomPolicy, staticPolicy, learned, learnedLate);
    }

    /** Conversion rate per group from the simulator's own ledger: [treatment, control]; and group sizes. */
    public double[] trueConversion() {
        long[] customers = new long[2];
        long[] converted = new long[2];
        for (Ledger entry : ledger.values()) {
            if (entry.control == null) {
                continue;
            }
            int group = entry.control ? 1 : 0;
            customers[group]++;
            converted[group] += entry.converted ? 1 : 0;
        }
        return new double[]{customers[0] == 0 ? 0 : (double) converted[0] / customers[0],
                customers[1] == 0 ? 0 : (double) converted[1] / customers[1], customers[0], customers[1]};
    }

    public JsonNode serviceStats() {
        return http.get("/v1/campaigns/" + campaignId() + "/stats");
    }
}
