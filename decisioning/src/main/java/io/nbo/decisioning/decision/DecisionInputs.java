package io.nbo.decisioning.decision;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;
import java.util.Collection;
import java.util.function.Function;

/**
 * Everything one decision reads. Lookups return null for unknown ids (a missing campaign means default
 * settings, a missing model means the prior alone, missing stats mean nothing counted yet).
 */
public record DecisionInputs(String customerId, CustomerProfile profile, ContactHistory history,
                             Collection<Offer> catalogue, Function<String, Campaign> campaigns,
                             Function<String, OfferModel> models, Function<String, CampaignStats> stats) {
}
