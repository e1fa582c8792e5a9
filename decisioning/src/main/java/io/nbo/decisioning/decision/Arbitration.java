package io.nbo.decisioning.decision;

import static io.nbo.decisioning.Decimals.fixed;

import io.nbo.decisioning.Decimals;

import io.nbo.decisioning.learning.OfferModel;
import io.nbo.decisioning.learning.Posterior;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;

/**
 * The arbitration factors of one offer for one customer: propensity (from the learned model), context weight
 * (the customer's interest in the offer's category), value and business lever (offer priority × campaign
 * lever). A factor the campaign switches off counts as 1.
 */
final class Arbitration {
    static final double INTEREST_FLOOR = 0.1;
    static final double UNCATEGORISED = 0.5;
    /** From this share of the customer's interest an offer's category is their top one. */
    private static final double TOP_SHARE = 0.5;

    private Arbitration() {
    }

    /**
     * The context learning is kept per, before the customer's value tier: channel and how much of the customer's
     * interest the offer's category holds (top from half of it, some below that, none without any). Learning adds
     * the tier ({@link #segment}), since what wins a high-value customer may not be what wins a low-value one.
     */
    static String contextSegment(String channel, Offer offer, Interest interest) {
        if (interest.none()) {
            return channel + "/new";
        }
        double share = interest.shareOf(offer.category());
        String bucket = offer.category() == null ? "general" : share >= TOP_SHARE ? "top" : share > 0 ? "some" : "none";
        return channel + "/" + bucket;
    }

    /** {@code web/top/high}: the segment learning is kept per (see {@link OfferModel#pooledSegment}). */
    static String segment(String contextSegment, String valueTier) {
        return contextSegment + "/" + valueTier;
    }

    /** The segment as a key that may not read profiles is told it: the tier is the customer's value. */
    static String tierUnnamed(String contextSegment) {
        return contextSegment + " (this customer's value tier)";
    }

    static double context(Offer offer, Interest interest) {
        if (interest.none()) {
            return 1;
        }
        if (offer.category() == null) {
            return UNCATEGORISED;
        }
        return INTEREST_FLOOR + (1 - INTEREST_FLOOR) * interest.shareOf(offer.category());
    }

    static String contextReason(Offer offer, Interest interest) {
        if (interest.none()) {
            return interest.faded() ? "No recent interest (what the customer browsed or bought has faded), so context"
                    + " weighs every offer the same" : "No interests known yet, so context weighs every offer the same";
        }
        if (offer.category() == null) {
            return "General offer, not tied to a category";
        }
        double share = interest.shareOf(offer.category());
        if (share <= 0) {
            return "No recent interest in " + offer.category();
        }
        long percent = Math.round(share * 100);
        if (share < TOP_SHARE && percent >= 50) {
            // 49.98 % must not read "50%", the share from which the segment is top.
            percent = 49;
        }
        return "Interest in " + offer.category() + " is " + (percent < 1 ? "under 1" : Long.toString(percent))
                + "% of recent browsing and buying";
    }

    static RankedOffer.Factors factors(Offer offer, Campaign campaign, double propensity, double context) {
        Campaign.Factors on = campaign.factorSwitches();
        return new RankedOffer.Factors(
                on.propensityOn() ? propensity : 1,
                on.contextOn() ? context : 1,
                on.valueOn() ? offer.value() : 1,
                on.leverOn() ? offer.priority() * campaign.leverValue() : 1);
    }

    /**
     * @param segment the segment as the caller may read it (see {@link #withoutTier})
     * @param across the segment of every tier it started from, or null
     */
    static String propensityReason(Posterior posterior, double used, String segment, String across, boolean explored) {
        if (posterior.trials() < 0.5) {
            return "Propensity " + rate(used) + (explored ? " sampled, to keep learning, from the offer's prior (mean "
                    + fixed(posterior.mean(), 3) + ")" : " from the offer's prior") + ": no presentations yet in " + segment
                    + pooled(posterior, across);
        }
        return "Propensity " + rate(used) + (explored ? " (sampled, to keep learning)" : "") + "; posterior mean "
                + fixed(posterior.mean(), 3) + " from "
                + Decimals.counted(posterior.trials(), "presentation", "presentations")
                + " and " + Decimals.counted(posterior.successes(), "success", "successes")
                + " (accepts, converts and attributed purchases) in " + segment + pooled(posterior, across);
    }

    /** @param across the segment of every value tier, whose other tier's evidence moved the prior, or null */
    private static String pooled(Posterior posterior, String across) {
        return across == null || posterior.pooledTrials() < 0.5 ? ""
                : ", its prior moved by the " + fixed(posterior.pooledMean(), 3) + " of "
                + Decimals.counted(posterior.pooledTrials(), "presentation", "presentations") + " in " + across
                + " of the other value tier";
    }


    static OfferModel noModel(String offerId) {
        return OfferModel.empty(offerId);
    }

    /** A rate to three places; one too small to show there reads as such, not as a plain 0. */
    private static String rate(double value) {
        return value > 0 && value < 0.0005 ? "under 0.001" : fixed(value, 3);
    }
}
