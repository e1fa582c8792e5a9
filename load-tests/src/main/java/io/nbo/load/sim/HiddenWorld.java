package io.nbo.load.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The ground truth the service cannot see: each synthetic customer has a favourite category; an offer in it
 * is accepted far more often than one outside it. Offers differ in value, so a rules-only ranking (by value)
 * keeps showing the most valuable offer whatever the customer likes.
 */
public final class HiddenWorld {
    /** Accept probability for an offer in the customer's favourite category, and outside it. */
    public static final double LIKED_ACCEPT = 0.35;
    public static final double OTHER_ACCEPT = 0.02;
    /** Chance, per visit, that a customer buys their favourite category whatever they were offered. */
    public static final double ORGANIC_PURCHASE = 0.03;
    /** Chance that a visit's browsing is in the favourite category (the rest is random). */
    public static final double FAITHFUL_BROWSING = 0.8;

    public record SimOffer(String offerId, String category, double value) {
    }

    private final List<SimOffer> offers;
    private final int customers;
    private final long seed;

    public HiddenWorld(int offerCount, int customers, long seed) {
        this.offers = java.util.stream.IntStream.range(0, offerCount)
                .mapToObj(i -> new SimOffer("sim-" + i, "sim-cat-" + i, 10.0 * (i + 1))).toList();
        this.customers = customers;
        this.seed = seed;
    }

    public List<SimOffer> offers() {
        return offers;
    }

    public int customers() {
        return customers;
    }

    public String customerId(String run, int index) {
        return "sim-" + run + "-" + index;
    }

    /** Favourite categories are skewed: low-value categories are liked by more customers. */
    public int favourite(int customer) {
        // SplittableRandom mixes its seed; java.util.Random's first draws from neighbouring seeds are alike.
        double u = new SplittableRandom(seed * 1_000_003L + customer).nextDouble();
        int n = offers.size();
        // P(favourite = k) proportional to n - k
        double total = n * (n + 1) / 2.0;
        double cumulative = 0;
        for (int k = 0; k < n; k++) {
            cumulative += (n - k) / total;
            if (u < cumulative) {
                return k;
            }
        }
        return n - 1;
    }

    public double acceptProbability(int customer, SimOffer offer) {
        return offer.category().equals(offers.get(favourite(customer)).category()) ? LIKED_ACCEPT : OTHER_ACCEPT;
    }

    /** Expected revenue per decision of always showing {@code offer} to {@code customer}. */
    public double expectedRevenue(int customer, SimOffer offer) {
        return acceptProbability(customer, offer) * offer.value();
    }

    public SimOffer byId(String offerId) {
        return offers.stream().filter(o -> o.offerId().equals(offerId)).findFirst().orElse(null);
    }
}
