package io.nbo.decisioning.decision;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Everything one decision reads. Lookups return null for unknown ids (a missing campaign means default
 * settings, a missing model means the prior alone, missing stats mean nothing counted yet).
 * {@code presentedAtLeast}: the fewest presentations per campaign there have been, from what the caller made itself
 * that {@code stats} may not count yet, so volume caps are not overshot by the decisions made while totals are
 * on their way.
 */
public record DecisionInputs(String customerId, CustomerProfile profile, ContactHistory history,
                             Collection<Offer> catalogue, Function<String, Campaign> campaigns,
                             Function<String, OfferModel> models, Function<String, CampaignStats> stats,
                             ToLongFunction<String> presentedAtLeast) {
    /** Inputs whose stats are all there is (nothing decided since they were counted). */
    public DecisionInputs(String customerId, CustomerProfile profile, ContactHistory history,
                          Collection<Offer> catalogue, Function<String, Campaign> campaigns,
                          Function<String, OfferModel> models, Function<String, CampaignStats> stats) {
        this(customerId, profile, history, catalogue, campaigns, models, stats, campaignId -> 0);
    }

    /** The campaign's presentations to treated customers: counted in its stats, or known to have been made since. */
    public long presentations(String campaignId) {
        CampaignStats counted = stats.apply(campaignId);
        return Math.max(counted == null ? 0 : counted.treatment().presentations(),
                presentedAtLeast.applyAsLong(campaignId));
    }
}
