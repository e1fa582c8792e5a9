package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.decision.DecisionFunnel;
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
        assertThat(top.propensity().segment()).as("new, and low value for now").isEqualTo("web/new/low");
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
        assertThat(offer(twoThirds, "books-5").propensity().segment()).isEqualTo("web/top/low");
        assertThat(offer(twoThirds, "garden-20").propensity().segment()).isEqualTo("web/some/low");
        assertThat(offer(underHalf, "books-5").reasons()).as("a hair below half, so some, not top")
                .contains("Interest in books is 49% of recent browsing and buying");
        assertThat(offer(underHalf, "books-5").propensity().segment()).isEqualTo("web/some/low");
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
            assertThat(offer.propensity().segment()).isEqualTo("web/new/low");
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
            loved = loved.with(new LearningUpdate("books-5", "web/new/low", 1, i % 2, T0), Duration.ofDays(14).toMillis());
        }
        models.put("books-5", loved);

        FunnelResult result = greedy.decide(newcomer(books, tv), web, rng);

        assertThat(result.offers().get(0).offerId()).isEqualTo("books-5");
        assertThat(result.offers().get(0).propensity().presentations()).isGreaterThan(100);
    }

    @Test
    void shouldLearnWhatWinsHighAndLowValueCustomersApart() {
        Offer premium = Events.offer("premium", null, 10, 1, "web");
        Offer bargain = Events.offer("bargain", null, 10, 1, "web");
        long halfLife = Duration.ofDays(14).toMillis();
        OfferModel premiumModel = OfferModel.empty("premium");
        OfferModel bargainModel = OfferModel.empty("bargain");
        for (int i = 0; i < 200; i++) {
            premiumModel = premiumModel.with(new LearningUpdate("premium", "web/general/high", 1, i % 100 < 15 ? 1 : 0,
                    T0), halfLife).with(new LearningUpdate("premium", "web/general/low", 1, i % 100 < 2 ? 1 : 0, T0),
                    halfLife);
            bargainModel = bargainModel.with(new LearningUpdate("bargain", "web/general/high", 1, i % 100 < 3 ? 1 : 0,
                    T0), halfLife).with(new LearningUpdate("bargain", "web/general/low", 1, i % 100 < 12 ? 1 : 0, T0),
                    halfLife);
        }
        models.put("premium", premiumModel);
        models.put("bargain", bargainModel);
        CustomerProfile big = updater.apply(null, Events.purchase("big", 900, "tv", T0));
        CustomerProfile small = updater.apply(null, Events.purchase("small", 20, "tv", T0));

        RankedOffer forBig = greedy.decide(inputs("big", big, ContactHistory.EMPTY, premium, bargain), web, rng)
                .offers().get(0);
        RankedOffer forSmall = greedy.decide(inputs("small", small, ContactHistory.EMPTY, premium, bargain), web, rng)
                .offers().get(0);

        assertThat(forBig.offerId()).isEqualTo("premium");
        assertThat(forBig.propensity().segment()).isEqualTo("web/general/high");
        assertThat(forSmall.offerId()).isEqualTo("bargain");
        assertThat(forSmall.reasons()).as("a day later, so the 200 of the other tier weigh 190").anyMatch(reason -> reason
                .endsWith("in web/general/low, its prior moved by the 0.032 of 190 presentations in web/general of the"
                        + " other value tier"));

        FunnelResult oneSlot = greedy.decide(inputs("big", big, ContactHistory.EMPTY, premium, bargain),
                new DecisionRequest("web", "home", 1, T0 + DAY), rng);
        assertThat(oneSlot.dropped()).extracting(DroppedOffer::reason).as("what the loser had learned")
                .singleElement().asString().matches("ranked 2 of 2 with score 0\\.\\d{4} \\(propensity 0\\.0\\d\\d,"
                        + " posterior mean 0\\.0\\d\\d from 190 presentations in web/general/high\\); 1 shown");
        FunnelResult forTheSite = greedy.decide(inputs("big", big, ContactHistory.EMPTY, premium, bargain),
                new DecisionRequest("web", "home", 1, T0 + DAY, false), rng);
        assertThat(forTheSite.offers().get(0).propensity().segment()).as("a key that may not read profiles")
                .isEqualTo("web/general (this customer's value tier)");
        assertThat(forTheSite.offers().get(0).reasons()).noneMatch(reason -> reason.contains("high"));
        assertThat(forTheSite.dropped()).extracting(DroppedOffer::reason).noneMatch(reason -> reason.contains("high"));
        assertThat(forTheSite.toRecord("d1", "big", new DecisionRequest("web", "home", 1, T0 + DAY, false), "greedy")
                .candidates())
                .extracting(DecisionRecord.Candidate::segment).as("learning still keeps the tier")
                .containsOnly("web/general/high");
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
    void shouldReadARulesHourAndWeekdayOnTheBusinessClock() {
        Offer mondayLunch = new Offer("monday-lunch", null, "Monday lunch", null, null, List.of("web"), List.of(), 5, 1,
                null, null, List.of(), RuleSpec.allOf(RuleSpec.condition("request.dayOfWeek", "eq", 1),
                RuleSpec.condition("request.hourOfDay", "eq", 12)), List.of(), null, null, null, null, null);
        // Monday 11:30 in UTC, 12:30 in Berlin (winter, +1) and 06:30 in New York.
        DecisionRequest mondayNoon = new DecisionRequest("web", null, 1,
                java.time.Instant.parse("2026-12-07T11:30:00Z").toEpochMilli());
        DecisionFunnel berlin = new DecisionFunnel(new DecisionPolicy(DecisionPolicy.GREEDY, 50, Duration.ofDays(14),
                List.of(), ProfileRules.defaults(), RelationshipRules.defaults(), java.time.ZoneId.of("Europe/Berlin")));
        DecisionFunnel newYork = new DecisionFunnel(new DecisionPolicy(DecisionPolicy.GREEDY, 50, Duration.ofDays(14),
                List.of(), ProfileRules.defaults(), RelationshipRules.defaults(),
                java.time.ZoneId.of("America/New_York")));

        assertThat(berlin.decide(newcomer(mondayLunch), mondayNoon, rng).offers())
                .extracting(RankedOffer::offerId).containsExactly("monday-lunch");
        assertThat(greedy.decide(newcomer(mondayLunch), mondayNoon, rng).dropped())
                .extracting(DroppedOffer::reason).as("in UTC, the default, it is 11")
                .containsExactly("offer rule: request.hourOfDay eq 12 is false (actual 11)");
        assertThat(newYork.decide(newcomer(mondayLunch), mondayNoon, rng).dropped())
                .extracting(DroppedOffer::reason).as("in New York, where it is 06:30")
                .containsExactly("offer rule: request.hourOfDay eq 12 is false (actual 6)");
        DecisionRequest sundayNight = new DecisionRequest("web", null, 1,
                java.time.Instant.parse("2026-12-06T23:30:00Z").toEpochMilli());
        assertThat(berlin.decide(newcomer(mondayLunch), sundayNight, rng).dropped())
                .extracting(DroppedOffer::reason).as("Sunday in UTC is already Monday in Berlin")
                .containsExactly("offer rule: request.hourOfDay eq 12 is false (actual 0)");
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
                                "expired: ended at " + java.time.Instant.ofEpochMilli(T0)),
                        org.assertj.core.groups.Tuple.tuple("coming", DroppedOffer.Stage.ELIGIBILITY,
                                "not valid yet: from " + java.time.Instant.ofEpochMilli(T0 + DAY)),
                        org.assertj.core.groups.Tuple.tuple("summer", DroppedOffer.Stage.ELIGIBILITY,
                                "campaign camp-summer ended at " + java.time.Instant.ofEpochMilli(T0)));
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
