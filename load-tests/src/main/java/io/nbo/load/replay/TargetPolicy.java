package io.nbo.load.replay;

import java.util.Comparator;
import java.util.List;

/** A policy to evaluate offline: the probability it would show each logged candidate first. */
public enum TargetPolicy {
    /** Rules-only CRM: highest value × lever, learning ignored. */
    STATIC("static") {
        @Override
        double probability(LoggedDecision.Candidate action, List<LoggedDecision.Candidate> candidates) {
            return argmax(candidates, c -> c.value() * c.lever()) == action ? 1 : 0;
        }
    },
    /**
     * Learned means, no exploration: highest propensityMean × context × value × lever, with the factors the
     * campaign switched off taken as 1 (logs written before the switches were logged hold the raw context).
     */
    GREEDY("greedy") {
        @Override
        double probability(LoggedDecision.Candidate action, List<LoggedDecision.Candidate> candidates) {
            return argmax(candidates, c -> c.propensityFactor() * c.context() * c.value() * c.lever()) == action ? 1 : 0;
        }
    },
    /** Uniform choice among the logged candidates. */
    RANDOM("random") {
        @Override
        double probability(LoggedDecision.Candidate action, List<LoggedDecision.Candidate> candidates) {
            return 1.0 / candidates.size();
        }
    };

    private final String wireName;

    TargetPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    abstract double probability(LoggedDecision.Candidate action, List<LoggedDecision.Candidate> candidates);

    static LoggedDecision.Candidate argmax(List<LoggedDecision.Candidate> candidates,
                                           java.util.function.ToDoubleFunction<LoggedDecision.Candidate> score) {
        return candidates.stream().max(Comparator.comparingDouble(score)
                .thenComparing(LoggedDecision.Candidate::offerId, Comparator.reverseOrder())).orElse(null);
    }
}
