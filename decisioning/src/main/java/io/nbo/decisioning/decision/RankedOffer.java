package io.nbo.decisioning.decision;

import java.util.List;

/**
 * One offer in a decision: its arbitration {@code priority} (propensity × context × value × lever, each
 * factor 1 when switched off), the factors, what the propensity came from, the probability that the policy
 * ranks it first, and the reasons in plain words.
 */
public record RankedOffer(String offerId, String campaignId, String name, String kind, double priority,
                          Factors factors, PropensityEvidence propensity, double choiceProbability, boolean fallback,
                          List<String> reasons) {
    public RankedOffer {
        reasons = List.copyOf(reasons);
    }

    public record Factors(double propensity, double context, double value, double lever) {
        public double product() {
            return propensity * context * value * lever;
        }
    }

    /**
     * {@code used} is the number arbitration multiplied by: a posterior draw (Thompson) or the mean (greedy); null
     * when the campaign switches the propensity factor off, and arbitration multiplied by 1 instead.
     */
    public record PropensityEvidence(String segment, Double used, double mean, double presentations,
                                     double successes) {
    }
}
