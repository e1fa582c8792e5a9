package io.nbo.load.replay;

import java.util.List;
import java.util.Map;

/**
 * Inverse propensity scoring over a decision log: for each logged decision whose first offer was chosen
 * with probability p, a target policy that would choose it with probability q earns weight q/p times the
 * observed reward. IPS averages the weighted rewards; SNIPS divides by the summed weights (less variance,
 * slight bias); the effective sample size (sum w)² / sum w² says how much of the log the estimate rests on.
 */
public final class OffPolicyEstimate {
    public record Reward(double accepted, double revenue) {
    }

    public record Estimate(String policy, long decisions, double ipsAcceptRate, double snipsAcceptRate,
                           double ipsRevenue, double snipsRevenue, double effectiveSampleSize) {
    }

    private OffPolicyEstimate() {
    }

    /** What the logging policy itself earned per decision: the baseline the estimates compare against. */
    public static Estimate logged(List<LoggedDecision> log, Map<String, Reward> rewards) {
        long n = 0;
        double accepted = 0;
        double revenue = 0;
        for (LoggedDecision decision : log) {
            if (decision.first() == null) {
                continue;
            }
            Reward reward = rewards.getOrDefault(key(decision.decisionId(), decision.first().offerId()), NONE);
            n++;
            accepted += reward.accepted();
            revenue += reward.revenue();
        }
        return new Estimate("logged", n, n == 0 ? 0 : accepted / n, n == 0 ? 0 : accepted / n,
                n == 0 ? 0 : revenue / n, n == 0 ? 0 : revenue / n, n);
    }

    public static Estimate of(TargetPolicy target, List<LoggedDecision> log, Map<String, Reward> rewards) {
        long n = 0;
        double weights = 0;
        double squaredWeights = 0;
        double weightedAccepts = 0;
        double weightedRevenue = 0;
        for (LoggedDecision decision : log) {
            LoggedDecision.Candidate action = decision.first();
            if (action == null || action.choiceProbability() <= 0) {
                continue;
            }
            n++;
            double weight = target.probability(action, decision.candidates()) / action.choiceProbability();
            Reward reward = rewards.getOrDefault(key(decision.decisionId(), action.offerId()), NONE);
            weights += weight;
            squaredWeights += weight * weight;
            weightedAccepts += weight * reward.accepted();
            weightedRevenue += weight * reward.revenue();
        }
        return new Estimate(target.wireName(), n, n == 0 ? 0 : weightedAccepts / n,
                weights == 0 ? 0 : weightedAccepts / weights, n == 0 ? 0 : weightedRevenue / n,
                weights == 0 ? 0 : weightedRevenue / weights,
                squaredWeights == 0 ? 0 : weights * weights / squaredWeights);
    }

    static String key(String decisionId, String offerId) {
        return decisionId + "|" + offerId;
    }

    private static final Reward NONE = new Reward(0, 0);
}
