package io.nbo.decisioning.contact;

/**
 * One offer shown to the customer by a decision (or, with {@code control}, held back because the customer is
 * in the campaign's control group). {@code succeeded} and {@code converted} make sure a presentation earns at
 * most one learning success and one conversion.
 */
public record Presentation(String decisionId, String offerId, String campaignId, String category, String channel,
                           String segment, long at, boolean control, boolean succeeded, boolean converted) {

    Presentation markSucceeded() {
        return new Presentation(decisionId, offerId, campaignId, category, channel, segment, at, control, true,
                converted);
    }

    Presentation markConverted() {
        return new Presentation(decisionId, offerId, campaignId, category, channel, segment, at, control, succeeded,
                true);
    }
}
