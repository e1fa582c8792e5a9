package io.nbo.load.replay;

import java.util.List;

/**
 * The parts of a decision-log record that offline evaluation reads (field names as on the {@code decisions}
 * topic). Kept here rather than imported so the load tests depend on the wire format, like any consumer.
 */
public record LoggedDecision(String decisionId, String customerId, String policy, List<Candidate> candidates,
                             List<String> shown) {

    public record Candidate(String offerId, double propensityMean, double context, double value, double lever,
                            double choiceProbability) {
    }

    public Candidate first() {
        if (shown == null || shown.isEmpty() || candidates == null) {
            return null;
        }
        return candidates.stream().filter(c -> c.offerId().equals(shown.get(0))).findFirst().orElse(null);
    }
}
