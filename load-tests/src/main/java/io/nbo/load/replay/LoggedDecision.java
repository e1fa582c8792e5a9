package io.nbo.load.replay;

import java.util.List;

/**
 * The parts of a decision-log record that offline evaluation reads (field names as on the {@code decisions}
 * topic). Kept here rather than imported so the load tests depend on the wire format, like any consumer.
 */
public record LoggedDecision(String decisionId, String customerId, String policy, List<Candidate> candidates,
                             List<String> shown) {

    /** {@code propensityOn}: false where the campaign switched the propensity factor off; absent means on. */
    public record Candidate(String offerId, double propensityMean, double context, double value, double lever,
                            double choiceProbability, Boolean propensityOn) {
        public Candidate(String offerId, double propensityMean, double context, double value, double lever,
                         double choiceProbability) {
            this(offerId, propensityMean, context, value, lever, choiceProbability, null);
        }

        /** The learned mean where the campaign arbitrates by it, else 1, as arbitration does. */
        public double propensityFactor() {
            return Boolean.FALSE.equals(propensityOn) ? 1 : propensityMean;
        }
    }

    public Candidate first() {
        if (shown == null || shown.isEmpty() || candidates == null) {
            return null;
        }
        return candidates.stream().filter(c -> c.offerId().equals(shown.get(0))).findFirst().orElse(null);
    }
}
