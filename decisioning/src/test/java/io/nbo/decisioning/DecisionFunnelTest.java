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
import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.decisioning.learning.OfferModel;
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

class DecisionFunnelTest extends FunnelFixture {
    @Test
    void shouldRankByValueForSomeoneNeverSeenWithEveryFactorVisible() {
        FunnelResult result = greedy.decide(newcomer(books, garden, tv), web, rng);

        assertThat(result.offers()).extracting(RankedOffer::offerId).containsExactly("tv-50", "garden-20", "books-5");
        RankedOffer top = result.offers().get(0);
        assertThat(top.factors()).isEqualTo(new RankedOffer.Factors(0.05, 1, 50, 1));
        assertThat(top.priority()).isEqualTo(2.5);
        assertThat(top.propensity().segment()).isEqualTo("web/new");
        assertThat(top.reasons()).anyMatch(r -> r.startsWith("Propensity 0.050 from the offer's prior"));
        assertThat(top.choiceProbability()).isEqualTo(1.0);
    }

    @Test
    void shouldPreferTheCategoryTheCustomerIsInto() {
        CustomerProfile reader = updater.apply(updater.apply(null, Events.view("c1", "books", T0)),
                Events.cart("c1", "books", T0));

        FunnelResult result = greedy.decide(inputs("c1", reader, ContactHistory.EMPTY, books, garden), web, rng);

        assertThat(result.offers().get(0).offerId()).isEqualTo("books-5");
        assertThat(result.offers().get(0).factors().context()).isEqualTo(1.0);
        assertThat(result.offers().get(1).factors().context()).isEqualTo(0.1);
    }

    @Test
    void shouldNeverRoundAShareBelowHalfUpToTheHalfThatMakesItTop() {
        CustomerProfile twoThirdsBooks = updater.apply(updater.apply(updater.apply(null, Events.view("c1", "books", T0)),
                Events.view("c1", "books", T0)), Events.view("c1", "garden", T0));
        CustomerProfile justUnderHalf = updater.apply(updater.apply(null, Events.view("c1", "books", T0)),
                Events.view("c1", "garden", T0 + 1));

        FunnelResult twoThirds = greedy.decide(inputs("c1", twoThirdsBooks, ContactHistory.EMPTY, books, garden), web, rng);
        FunnelResult underHalf = greedy.decide(inputs("c1", justUnderHalf, ContactHistory.EMPTY, books, garden), web, rng);

        assertThat(offer(twoThirds, "books-5").reasons()).contains("Interest in books is 67% of recent browsing and buying");
        assertThat(offer(twoThirds, "books-5").propensity().segment()).isEqualTo("web/top");
        assertThat(offer(twoThirds, "garden-20").propensity().segment()).isEqualTo("web/some");
        assertThat(offer(underHalf, "books-5").reasons()).as("a hair below half, so some, not top")
                .contains("Interest in books is 49% of recent browsing and buying");
        assertThat(offer(underHalf, "books-5").propensity().segment()).isEqualTo("web/some");
    }

    private static RankedOffer offer(FunnelResult result, String offerId) {
        return result.offers().stream().filter(o -> o.offerId().equals(offerId)).findFirst().orElseThrow();
    }

    @Test
    void shouldWeighEveryOfferTheSameOnceInterestHasFaded() {
        long purchased = T0 - 200 * DAY;
        CustomerProfile lapsed = updater.apply(updater.apply(null, Events.purchase("c1", 40, "books", purchased)),
                Events.purchase("c1", 40, "books", purchased + DAY));

        FunnelResult result = greedy.decide(inputs("c1", lapsed, ContactHistory.EMPTY, books, garden), web, rng);

        assertThat(result.offers()).allSatisfy(offer -> {
            assertThat(offer.factors().context()).isEqualTo(1.0);
            assertThat(offer.propensity().segment()).isEqualTo("web/new");
            assertThat(offer.reasons()).contains(
                    "No recent interest (what the customer browsed or bought has faded), so context weighs every offer the same");
        });
    }

    @Test
    void shouldLeaveFadedCategoriesOutOfTheShares() {
        CustomerProfile movedOn = updater.apply(updater.apply(null, Events.purchase("c1", 40, "garden", T0 - 150 * DAY)),
                Events.view("c1", "books", T0));

        FunnelResult result = greedy.decide(inputs("c1", movedOn, ContactHistory.EMPTY, books, garden), web, rng);

        RankedOffer bookOffer = result.offers().stream().filter(o -> o.offerId().equals("books-5")).findFirst().orElseThrow();
        assertThat(bookOffer.factors().context()).isEqualTo(1.0);
        assertThat(bookOffer.reasons()).contains("Interest in books is 100% of recent browsing and buying");
    }

    @Test
    void shouldLetLearnedPropensityOutweighValue() {
        OfferModel loved = OfferModel.empty("books-5");
        for (int i = 0; i < 200; i++) {
            loved = loved.with(new LearningUpdate("books-5", "web/new", 1, i % 2, T0), Duration.ofDays(14).toMillis());
        }
        models.put("books-5", loved);

        FunnelResult result = greedy.decide(newcomer(books, tv), web, rng);

        assertThat(result.offers().get(0).offerId()).isEqualTo("books-5");
        assertThat(result.offers().get(0).propensity().presentations()).isGreaterThan(100);
    }

    @Test
    void shouldSwitchFactorsOffPerCampaign() {
        campaigns.put("camp-tv-50", new Campaign("camp-tv-50", "TV", 0.0, null, null, null, 3.0, null, null,
                new Campaign.Factors(true, true, false, true), null));

        RankedOffer tvOffer = greedy.decide(newcomer(tv), web, rng).offers().get(0);

        assertThat(tvOffer.factors().value()).isEqualTo(1);
        assertThat(tvOffer.factors().lever()).isEqualTo(3);
        assertThat(tvOffer.priority()).isEqualTo(0.15);
        assertThat(tvOffer.reasons()).contains("Value not used: campaign camp-tv-50 switches it off, business lever 3");
    }

    @Test
    void shouldNotClaimAPropensityWasUsedWhenItsFactorIsOff() {
        campaigns.put("camp-tv-50", new Campaign("camp-tv-50", "TV", 0.0, null, null, null, 3.0, null, null,
                new Campaign.Factors(false, true, true, true), null));

        FunnelResult result = greedy.decide(newcomer(tv), web, rng);
        RankedOffer tvOffer = result.offers().get(0);

        var logged = result.toRecord("d-1", "c-1", web, "greedy").candidates().get(0);
        assertThat(logged.propensity()).as("the log holds the factors arbitration multiplied").isEqualTo(1);
        assertThat(logged.propensity() * logged.context() * logged.value() * logged.lever())
                .isCloseTo(logged.priority(), org.assertj.core.api.Assertions.within(1e-6));
        assertThat(logged.propensityMean()).isPositive();
        assertThat(logged.propensityOn()).as("marked, so an offline policy can tell").isFalse();
        assertThat(greedy.decide(newcomer(books), web, rng).toRecord("d-2", "c-1", web, "greedy").candidates().get(0)
                .propensityOn()).as("absent where it is on").isNull();
        assertThat(tvOffer.factors().propensity()).isEqualTo(1);
        assertThat(tvOffer.propensity().used()).as("arbitration multiplied by 1, not by a propensity").isNull();
        assertThat(tvOffer.propensity().mean()).as("the evidence is still shown").isPositive();
        assertThat(greedy.decide(newcomer(books), web, rng).offers().get(0).propensity().used())
                .as("an offer of a campaign with the factor on").isNotNull();
    }

    @Test
    void shouldExplainWhyOffersWereDropped() {
        Offer vip = new Offer("vip", "camp-vip", "VIP", null, null, List.of("web"), List.of(), 5, 1, null, null,
                List.of(), RuleSpec.condition("attributes.tier", "eq", "gold"), List.of(), null, null, null, null, null);
        Offer emailOnly = Events.offer("mail", null, 5, 1, "email");
        Offer ended = new Offer("ended", null, "Ended", null, null, List.of("web"), List.of(), 5, 1, null, T0,
                List.of(), null, List.of(), null, null, null, null, null);
        Offer coming = new Offer("coming", null, "Coming", null, null, List.of("web"), List.of(), 5, 1, T0 + DAY,
                null, List.of(), null, List.of(), null, null, null, null, null);

        campaigns.put("camp-summer", new Campaign("camp-summer", "Summer", null, null, null, null, 1.0, T0 - DAY, T0,
                null, null));
        Offer summer = new Offer("summer", "camp-summer", "Summer", null, "books", List.of("web"), List.of(), 5, 1, null, null,
                List.of(), null, List.of(), null, null, null, null, null);

        FunnelResult result = greedy.decide(newcomer(vip, emailOnly, ended, coming, summer, books),
                new DecisionRequest("web", null, 1, T0), rng);

        assertThat(result.dropped()).extracting(DroppedOffer::offerId, DroppedOffer::stage, DroppedOffer::reason)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("vip", DroppedOffer.Stage.ELIGIBILITY,
                                "offer rule: attributes.tier eq \"gold\" is false (missing)"),
                        org.assertj.core.groups.Tuple.tuple("mail", DroppedOffer.Stage.ELIGIBILITY,
                                "not offered on channel web"),
                        org.assertj.core.groups.Tuple.tuple("ended", DroppedOffer.Stage.ELIGIBILITY,
                                "expired: valid until " + java.time.Instant.ofEpochMilli(T0)),
                        org.assertj.core.groups.Tuple.tuple("coming", DroppedOffer.Stage.ELIGIBILITY,
                                "not valid yet: from " + java.time.Instant.ofEpochMilli(T0 + DAY)),
                        org.assertj.core.groups.Tuple.tuple("summer", DroppedOffer.Stage.ELIGIBILITY,
                                "campaign camp-summer has ended: valid until " + java.time.Instant.ofEpochMilli(T0)));
    }

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
                List.of(ChannelCap.parse("web:2/24h")), ProfileRules.defaults(), RelationshipRules.defaults()));

        FunnelResult result = capped.decide(newcomer(books, garden, tv), web, rng);

        assertThat(result.offers()).hasSize(2);
        assertThat(result.dropped()).singleElement().extracting(DroppedOffer::reason).asString()
                .endsWith("; 2 shown (the web channel cap leaves room for only 2 in this answer)");
    }

    @Test
    void shouldExploreUnderThompsonSamplingAndLogChoiceProbabilities() {
        Offer a = Events.offer("a", null, 10, 1, "web");
        Offer b = Events.offer("b", null, 10, 1, "web");
        int aFirst = 0;
        for (int i = 0; i < 200; i++) {
            FunnelResult result = thompson.decide(newcomer(a, b), new DecisionRequest("web", null, 1, T0), rng);
            aFirst += result.offers().get(0).offerId().equals("a") ? 1 : 0;
            double total = result.candidates().stream().mapToDouble(DecisionRecord.Candidate::choiceProbability).sum();
            assertThat(total).isBetween(0.99, 1.01);
            assertThat(result.candidates().get(0).choiceProbability()).isPositive();
        }
        assertThat(aFirst).as("two equal offers are each tried").isBetween(60, 140);
        assertThat(thompson.decide(newcomer(a, b), new DecisionRequest("web", null, 1, T0), rng).offers().get(0).reasons())
                .as("a draw from the prior is not the prior's mean").anyMatch(reason -> reason.matches(
                        "Propensity \\d\\.\\d{3} sampled, to keep learning, from the offer's prior \\(mean 0\\.050\\): .*"));
    }

    @Test
    void shouldHonourConsentPerPurposeAndPerChannel() {
        Offer newsletter = new Offer("news-1", "camp-news", "Newsletter deal", null, "books", List.of("web", "email"),
                List.of(), 5, 1, null, null, List.of("marketing"), null, List.of(), null, null, null, null, null);
        CustomerProfile agreed = updater.apply(null, Events.consents("c1", Map.of("marketing", true, "email", true),
                T0));
        CustomerProfile notOnEmail = updater.apply(agreed, Events.consents("c1", Map.of("marketing:email", false),
                T0 + 1));
        CustomerProfile emailOnly = updater.apply(null, Events.consents("c2", Map.of("marketing:email", true,
                "email", true), T0));
        DecisionRequest email = new DecisionRequest("email", null, 3, T0 + DAY);

        assertThat(offered(agreed, web, newsletter)).isTrue();
        assertThat(offered(agreed, email, newsletter)).isTrue();
        assertThat(offered(notOnEmail, web, newsletter)).as("withdrawn on email only").isTrue();
        assertThat(offered(notOnEmail, email, newsletter)).isFalse();
        assertThat(offered(emailOnly, email, newsletter)).isTrue();
        assertThat(offered(emailOnly, web, newsletter)).as("given for email only").isFalse();
        assertThat(offered(CustomerProfile.empty("new"), web, newsletter)).as("no consent, no offer").isFalse();
        CustomerProfile marketingButNotEmail = updater.apply(null, Events.consents("c3", Map.of("marketing", true),
                T0));
        assertThat(offered(marketingButNotEmail, web, newsletter)).isTrue();
        assertThat(offered(marketingButNotEmail, email, newsletter)).as("email itself needs opt-in").isFalse();
        assertThat(greedy.decide(inputs("c3", marketingButNotEmail, ContactHistory.EMPTY, newsletter), email, rng)
                .dropped()).extracting(DroppedOffer::reason)
                .containsExactly("no consent recorded for channel email, which needs opt-in");
        assertThat(greedy.decide(inputs("c1", notOnEmail, ContactHistory.EMPTY, newsletter), email, rng).dropped())
                .extracting(DroppedOffer::reason).containsExactly("needs consent for marketing on email");
    }

    private boolean offered(CustomerProfile profile, DecisionRequest request, Offer offer) {
        return greedy.decide(inputs(profile.subjectId(), profile, ContactHistory.EMPTY, offer), request, rng).offers()
                .stream().anyMatch(o -> o.offerId().equals(offer.offerId()));
    }
}
