package io.nbo.schemas.decisions;

import java.util.List;

/**
 * One decision as written to the {@code decisions} topic: the context, every candidate that reached
 * arbitration with its factors, what was shown, the probability with which the policy would have put each
 * candidate first, the campaigns for which the customer was held out as control, and the customer's
 * relationship stage and value tier at the time (so campaign results can be broken down by them). This is the log that
 * offline evaluation of another policy (inverse propensity scoring) needs.
 */
public record DecisionRecord(String decisionId, String customerId, long decidedAt, String channel, String placement,
                             String policy, List<Candidate> candidates, List<String> shown,
                             List<ControlHold> heldOut, boolean fallback, String stage, String valueTier) {
    public DecisionRecord {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        shown = shown == null ? List.of() : List.copyOf(shown);
        heldOut = heldOut == null ? List.of() : List.copyOf(heldOut);
    }

    /** The same decision under another subject id: the decision log names a pseudonym, not the customer. */
    public DecisionRecord withSubject(String subjectId) {
        return new DecisionRecord(decisionId, subjectId, decidedAt, channel, placement, policy, candidates, shown,
                heldOut, fallback, stage, valueTier);
    }

    /**
     * @param propensity the propensity factor arbitration multiplied by: a posterior sample under Thompson
     *                   sampling, 1 where the campaign switches the factor off (so do context, value and lever:
     *                   their product is {@code priority})
     * @param propensityMean the posterior mean accept rate for this offer in this segment, used or not
     * @param choiceProbability probability that the policy ranks this candidate first, given the model
     * @param propensityOn false where the campaign switches the propensity factor off; absent (null) otherwise,
     *                     and in records written before it existed
     */
    public record Candidate(String offerId, String campaignId, String category, String segment, double propensity,
                            double propensityMean, double context, double value, double lever, double priority,
                            double choiceProbability, int rank, Boolean propensityOn) {
        public Candidate(String offerId, String campaignId, String category, String segment, double propensity,
                         double propensityMean, double context, double value, double lever, double priority,
                         double choiceProbability, int rank) {
            this(offerId, campaignId, category, segment, propensity, propensityMean, context, value, lever, priority,
                    choiceProbability, rank, null);
        }
    }

    /** The customer is in this campaign's control group; {@code offerId} is what would have been shown. */
    public record ControlHold(String campaignId, String offerId, String category) {
    }
}
