package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.decision.DecisionFunnel;
import io.nbo.decisioning.decision.DecisionInputs;
import io.nbo.decisioning.decision.DecisionPolicy;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.ProfileUpdater;
import io.nbo.decisioning.relationship.RelationshipRules;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Offers, campaigns, models and funnels the decision-funnel tests share. */
abstract class FunnelFixture {
    protected final ProfileUpdater updater = new ProfileUpdater(ProfileRules.defaults());
    protected final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
    protected final DecisionFunnel greedy = new DecisionFunnel(new DecisionPolicy(DecisionPolicy.GREEDY, 50,
            Duration.ofDays(14), List.of(), ProfileRules.defaults(), RelationshipRules.defaults(), java.time.ZoneOffset.UTC));
    protected final DecisionFunnel thompson = new DecisionFunnel(DecisionPolicy.defaults());
    protected final DecisionRequest web = new DecisionRequest("web", "home", 3, T0 + DAY);

    protected final Offer books = Events.offer("books-5", "books", 10, 1, "web");
    protected final Offer garden = Events.offer("garden-20", "garden", 20, 1, "web");
    protected final Offer tv = Events.offer("tv-50", "tv", 50, 1, "web", "email");

    protected final Map<String, Campaign> campaigns = new HashMap<>();
    protected final Map<String, OfferModel> models = new HashMap<>();
    protected final Map<String, CampaignStats> stats = new HashMap<>();

    protected DecisionInputs inputs(String customer, CustomerProfile profile, ContactHistory history, Offer... offers) {
        return new DecisionInputs(customer, profile, history, List.of(offers), campaigns::get, models::get, stats::get);
    }

    protected DecisionInputs newcomer(Offer... offers) {
        return inputs("new", CustomerProfile.empty("new"), ContactHistory.EMPTY, offers);
    }
}
