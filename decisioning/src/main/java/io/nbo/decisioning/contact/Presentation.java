package io.nbo.decisioning.contact;

/**
 * One offer shown to the customer by a decision (or, with {@code control}, held back because the customer is
 * in the campaign's control group). {@code succeeded} and {@code converted} make sure a presentation earns at
 * most one learning success and one conversion at a time (a refund of the converting order in full undoes it);
 * {@code outcomes} holds the responses already counted.
 */
public record Presentation(String decisionId, String offerId, String campaignId, String category, String channel,
                           String segment, long at, boolean control, boolean succeeded, boolean converted,
                           java.util.Set<String> outcomes) {

    public Presentation {
        outcomes = outcomes == null ? java.util.Set.of() : java.util.Set.copyOf(outcomes);
    }

    public Presentation(String decisionId, String offerId, String campaignId, String category, String channel,
                        String segment, long at, boolean control, boolean succeeded, boolean converted) {
        this(decisionId, offerId, campaignId, category, channel, segment, at, control, succeeded, converted, null);
    }

    Presentation markSucceeded() {
        return new Presentation(decisionId, offerId, campaignId, category, channel, segment, at, control, true,
                converted, outcomes);
    }

    Presentation markConverted() {
        return new Presentation(decisionId, offerId, campaignId, category, channel, segment, at, control, succeeded,
                true, outcomes);
    }

    /** The converting order was refunded in full: the presentation can be converted again, by another purchase. */
    Presentation conversionReversed() {
        return new Presentation(decisionId, offerId, campaignId, category, channel, segment, at, control, succeeded,
                false, outcomes);
    }

    /** Click, accept and decline count once per presentation, whatever a client sends twice. */
    Presentation withOutcome(String outcome) {
        java.util.Set<String> seen = new java.util.HashSet<>(outcomes);
        seen.add(outcome);
        return new Presentation(decisionId, offerId, campaignId, category, channel, segment, at, control, succeeded,
                converted, seen);
    }
}
