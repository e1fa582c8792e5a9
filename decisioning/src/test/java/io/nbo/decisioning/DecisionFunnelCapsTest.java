package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.ChannelCap;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.decisioning.decision.DecisionFunnel;
import io.nbo.decisioning.decision.DecisionInputs;
import io.nbo.decisioning.decision.DecisionPolicy;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.DroppedOffer;
import io.nbo.decisioning.decision.FunnelResult;
import io.nbo.decisioning.decision.RankedOffer;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.relationship.RelationshipRules;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.RuleSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;


/** What the funnel may show at most: contact caps, campaign and offer volumes, channel caps, and the fallback. */
class DecisionFunnelCapsTest extends FunnelFixture {
    @Test
    void shouldNeverReturnACappedOffer() {
        campaigns.put("camp-tv-50", new Campaign("camp-tv-50", "TV", 0.0, null, null, null, 1.0, null, null, null,
                new Campaign.ContactPolicy(new Campaign.Cap(1, 24), null, null, null, null)));
        ContactTracker tracker = new ContactTracker(Duration.ofHours(24).toMillis());
        FunnelResult first = greedy.decide(newcomer(tv, books), web, rng);
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY,
                first.toRecord("d1", "new", web, "greedy")).history();

        CustomerProfile optedIn = updater.apply(null, Events.consents("new", Map.of("email", true), T0));
        FunnelResult second = greedy.decide(inputs("new", optedIn, history, tv, books),
                new DecisionRequest("email", null, 3, T0 + DAY + 1), rng);
        FunnelResult third = greedy.decide(inputs("new", CustomerProfile.empty("new"), history, tv, books), web, rng);

        assertThat(first.offers()).extracting(RankedOffer::offerId).contains("tv-50");
        assertThat(second.offers()).isEmpty();
        assertThat(second.dropped()).anyMatch(d -> d.offerId().equals("tv-50")
                && d.stage() == DroppedOffer.Stage.CONTACT_POLICY);
        assertThat(third.offers()).extracting(RankedOffer::offerId).containsExactly("books-5");
        assertThat(third.dropped()).anyMatch(d -> d.offerId().equals("tv-50")
                && d.stage() == DroppedOffer.Stage.CONTACT_POLICY);
    }

    @Test
    void shouldShowNoMoreOffersOfACampaignInOneAnswerThanItsCapsAllow() {
        Offer first = Offer.basic("first", "camp-one", "First", "tv", List.of("web"), 30, 1);
        Offer second = Offer.basic("second", "camp-one", "Second", "tv", List.of("web"), 20, 1);
        Offer third = Offer.basic("third", "camp-one", "Third", "tv", List.of("web"), 10, 1);
        campaigns.put("camp-one", new Campaign("camp-one", "One a day", 0.0, null, null, null, 1.0, null, null, null,
                new Campaign.ContactPolicy(null, new Campaign.Cap(1, 24), null, null, null)));

        FunnelResult oneADay = greedy.decide(newcomer(first, second, third, books), web, rng);

        assertThat(oneADay.offers()).extracting(RankedOffer::offerId).containsExactly("first", "books-5");
        assertThat(oneADay.dropped()).filteredOn(d -> d.offerId().equals("second")).singleElement()
                .satisfies(d -> {
                    assertThat(d.stage()).isEqualTo(DroppedOffer.Stage.CONTACT_POLICY);
                    assertThat(d.reason()).isEqualTo("campaign cap reached in this answer: camp-one may be shown 1 "
                            + "more time in 24h (cap 1), taken by its higher-ranked offers");
                });
        assertThat(oneADay.toRecord("d1", "new", web, "greedy").candidates())
                .filteredOn(c -> c.rank() > 0).extracting(DecisionRecord.Candidate::offerId)
                .containsExactly("first", "books-5");

        campaigns.put("camp-one", new Campaign("camp-one", "Two left", 0.0, null, null, 3L, 1.0, null, null, null,
                null));
        stats.put("camp-one", CampaignStats.empty("camp-one")
                .with(CampaignUpdate.of("camp-one", "first", false, T0).presentation()));
        FunnelResult twoLeft = greedy.decide(newcomer(first, second, third, books),
                new DecisionRequest("web", "home", 4, T0 + DAY), rng);

        assertThat(twoLeft.offers()).extracting(RankedOffer::offerId).containsExactly("first", "second", "books-5");
        assertThat(twoLeft.dropped()).extracting(DroppedOffer::reason).contains(
                "campaign volume cap reached in this answer: 2 of 3 presentations left, taken by its higher-ranked "
                        + "offers");

        DecisionInputs oneMadeSince = new DecisionInputs("new", CustomerProfile.empty("new"), ContactHistory.EMPTY,
                List.of(first, second, third, books), campaigns::get, models::get, stats::get,
                campaignId -> campaignId.equals("camp-one") ? 2 : 0);
        assertThat(greedy.decide(oneMadeSince, new DecisionRequest("web", "home", 4, T0 + DAY), rng).offers())
                .as("the counted presentation and one the totals do not count yet").extracting(RankedOffer::offerId)
                .containsExactly("first", "books-5");
    }

    @Test
    void shouldRespectTheCampaignVolumeCapAndOfferInventory() {
        campaigns.put("camp-tv-50", new Campaign("camp-tv-50", "TV", 0.0, null, null, 2L, 1.0, null, null, null, null));
        CampaignStats full = CampaignStats.empty("camp-tv-50")
                .with(CampaignUpdate.of("camp-tv-50", "tv-50", false, T0).presentation())
                .with(CampaignUpdate.of("camp-tv-50", "tv-50", false, T0).presentation());
        stats.put("camp-tv-50", full);
        Offer scarce = new Offer("books-5", "camp-books", "B", null, "books", List.of("web"), List.of(), 10, 1, null,
                null, List.of(), null, List.of(), null, null, 1L, null, null);
        stats.put("camp-books", CampaignStats.empty("camp-books")
                .with(CampaignUpdate.of("camp-books", "books-5", false, T0).outcome(0, 1, 0)));

        FunnelResult result = greedy.decide(newcomer(tv, scarce, garden), web, rng);

        assertThat(result.offers()).extracting(RankedOffer::offerId).containsExactly("garden-20");
        assertThat(result.dropped()).extracting(DroppedOffer::reason).contains(
                "campaign volume cap reached: 2 of 2 presentations", "inventory exhausted: 1 of 1 taken");
    }

    @Test
    void shouldFallBackWhenNothingElseSurvives() {
        Offer fallback = new Offer("sorry", "house", "Browse our bestsellers", null, null, List.of("web"),
                List.of("home"), 1, 1, null, null, List.of(), null, List.of(), null, null, null, true, null);
        Offer marketing = new Offer("m", "c", "M", null, null, List.of("web"), List.of(), 9, 1, null, null,
                List.of("marketing"), null, List.of(), null, null, null, null, null);

        FunnelResult nothingElse = greedy.decide(newcomer(marketing, fallback), web, rng);
        FunnelResult somethingElse = greedy.decide(newcomer(books, fallback), web, rng);

        assertThat(nothingElse.fallback()).isTrue();
        assertThat(nothingElse.offers()).singleElement().satisfies(o -> {
            assertThat(o.offerId()).isEqualTo("sorry");
            assertThat(o.reasons().get(0)).startsWith("Fallback");
        });
        assertThat(somethingElse.offers()).extracting(RankedOffer::offerId).containsExactly("books-5");
    }

    @Test
    void shouldPutServiceRecoveryFirstOnlyWhileAnIssueIsOpen() {
        Offer apology = new Offer("apology", "care", "Apologise and offer a callback", null, null, List.of("web"),
                List.of(), 1, 1, null, null, List.of(), null, List.of(), null, null, null, null, "service-recovery");
        CustomerProfile upset = updater.apply(null, Events.nps("c1", 2, T0));

        FunnelResult forUpset = greedy.decide(inputs("c1", upset, ContactHistory.EMPTY, tv, apology), web, rng);
        FunnelResult forHappy = greedy.decide(newcomer(tv, apology), web, rng);
        ContactHistory recovered = new ContactTracker(Duration.ofHours(24).toMillis()).onResponse(
                new ContactTracker(Duration.ofHours(24).toMillis()).onDecision(ContactHistory.EMPTY,
                        forUpset.toRecord("d1", "c1", web, "greedy")).history(),
                new io.nbo.schemas.events.OfferResponse("offer_response", "r1", "d1", "c1", null, "apology", "care",
                        "accept", T0 + DAY + 1, "web", null, null)).history();
        FunnelResult afterRecovery = greedy.decide(inputs("c1", upset, recovered, tv, apology),
                new DecisionRequest("web", "home", 3, T0 + DAY + 2), rng);

        assertThat(forUpset.offers()).extracting(RankedOffer::offerId).containsExactly("apology", "tv-50");
        assertThat(forUpset.offers()).extracting(RankedOffer::kind).containsExactly("service-recovery", "sales");
        assertThat(forUpset.offers().get(0).reasons().get(0))
                .isEqualTo("Service recovery comes first: the customer has an open issue (detractor score)");
        assertThat(forUpset.relationship().stage()).isEqualTo("deterioration");
        assertThat(forHappy.offers()).extracting(RankedOffer::offerId).containsExactly("tv-50");
        assertThat(afterRecovery.offers()).extracting(RankedOffer::offerId).containsExactly("tv-50");
        assertThat(afterRecovery.relationship().stage()).isEqualTo("repair");
    }

    /** The recipe in docs/relationships.md for a business that sells nothing while a complaint is open. */
    @Test
    void shouldHoldASalesOfferBackWhileAnIssueIsOpenWhenItsRuleSaysSo() {
        Offer apology = new Offer("apology", "care", "Apologise", null, null, List.of("web"), List.of(), 1, 1, null,
                null, List.of(), null, List.of(), null, null, null, null, "service-recovery");
        Offer patient = new Offer("tv-patient", "tvs", "TV", null, "tv", List.of("web"), List.of(), 50, 1, null,
                null, List.of(), RuleSpec.condition("relationship.openIssue", "eq", false), List.of(), null, null, null,
                null, null);
        CustomerProfile upset = updater.apply(null, Events.nps("c1", 2, T0));

        FunnelResult forUpset = greedy.decide(inputs("c1", upset, ContactHistory.EMPTY, patient, apology), web, rng);
        FunnelResult forHappy = greedy.decide(newcomer(patient, apology), web, rng);

        assertThat(forUpset.offers()).extracting(RankedOffer::offerId).containsExactly("apology");
        assertThat(forUpset.dropped()).filteredOn(d -> d.offerId().equals("tv-patient")).singleElement()
                .extracting(DroppedOffer::reason).asString().startsWith("offer rule: relationship.openIssue eq false");
        assertThat(forHappy.offers()).extracting(RankedOffer::offerId).containsExactly("tv-patient");
    }

    @Test
    void shouldLimitByTheChannelCap() {
        DecisionFunnel capped = new DecisionFunnel(new DecisionPolicy(DecisionPolicy.GREEDY, 10, Duration.ofDays(14),
                List.of(ChannelCap.parse("web:2/24h")), ProfileRules.defaults(), RelationshipRules.defaults(), java.time.ZoneOffset.UTC));

        FunnelResult result = capped.decide(newcomer(books, garden, tv), web, rng);

        assertThat(result.offers()).hasSize(2);
        assertThat(result.dropped()).singleElement().extracting(DroppedOffer::reason).asString()
                .endsWith("; 2 shown (the web channel cap leaves room for only 2 in this answer)");
    }
}
