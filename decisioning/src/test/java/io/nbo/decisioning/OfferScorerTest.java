package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.Eligibility;
import io.nbo.decisioning.decision.OfferScorer;
import io.nbo.decisioning.decision.RankedOffer;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.ProfileUpdater;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfferScorerTest {
    private final ProfileRules rules = ProfileRules.defaults();
    private final OfferScorer scorer = new OfferScorer(rules);
    private final ProfileUpdater updater = new ProfileUpdater(rules);
    private final DecisionRequest web = new DecisionRequest("web", "home", 3, T0 + DAY);

    private final Offer books = Events.offer("books-5", "books", 10, 1, "web");
    private final Offer garden = Events.offer("garden-20", "garden", 20, 1, "web");
    private final Offer premium = Events.offer("tv-50", "tv", 50, 1, "web", "email");
    private final List<Offer> catalogue = List.of(books, garden, premium);

    @Test
    void shouldRankByValueAndPriorityForSomeoneNeverSeen() {
        List<RankedOffer> ranked = scorer.rank(catalogue, CustomerProfile.empty("new"), web);

        assertThat(ranked).extracting(RankedOffer::offerId).containsExactly("tv-50", "garden-20", "books-5");
        assertThat(ranked.get(0).reasons()).first().asString().startsWith("No interests known yet");
    }

    @Test
    void shouldPutTheOfferForTheCustomersInterestFirst() {
        CustomerProfile reader = updater.apply(updater.apply(null, Events.view("c1", "books", T0)),
                Events.cart("c1", "books", T0));

        List<RankedOffer> ranked = scorer.rank(catalogue, reader, web);

        assertThat(ranked.get(0).offerId()).isEqualTo("books-5");
        assertThat(ranked.get(0).score()).isEqualTo(10.0);
        assertThat(ranked.get(0).reasons().get(0)).isEqualTo("Interest in books is 100% of recent browsing and buying");
        assertThat(ranked.get(1).score()).isEqualTo(5.0);
    }

    @Test
    void shouldFollowAChangeOfInterestAsOldInterestFades() {
        CustomerProfile profile = updater.apply(null, Events.purchase("c1", 10, "books", T0));
        profile = updater.apply(profile, Events.cart("c1", "garden", T0 + 60 * DAY));

        List<RankedOffer> ranked = scorer.rank(catalogue, profile, new DecisionRequest("web", null, 1, T0 + 60 * DAY));

        assertThat(ranked).extracting(RankedOffer::offerId).containsExactly("garden-20");
    }

    @Test
    void shouldApplyPriorityAsAMultiplier() {
        Offer boosted = Events.offer("books-boost", "books", 10, 6, "web");

        List<RankedOffer> ranked = scorer.rank(List.of(premium, boosted), CustomerProfile.empty("new"), web);

        assertThat(ranked.get(0).offerId()).isEqualTo("books-boost");
        assertThat(ranked.get(0).score()).isEqualTo(60.0);
    }

    @Test
    void shouldReturnNoMoreThanTheLimit() {
        assertThat(scorer.rank(catalogue, CustomerProfile.empty("new"), new DecisionRequest("web", null, 2, T0)))
                .hasSize(2);
    }

    @Test
    void shouldRefuseOffersForAnotherChannelOrPlacement() {
        Offer homeOnly = new Offer("h", "c", "H", null, null, List.of("web"), List.of("home"), 1, 1, null, null,
                List.of());
        CustomerProfile someone = CustomerProfile.empty("x");

        assertThat(Eligibility.refusal(premium, someone, new DecisionRequest("call-centre", null, 1, T0)))
                .contains("not offered on channel call-centre");
        assertThat(Eligibility.refusal(homeOnly, someone, new DecisionRequest("web", "checkout", 1, T0)))
                .contains("not offered in placement checkout");
        assertThat(Eligibility.refusal(homeOnly, someone, new DecisionRequest("web", "home", 1, T0))).isEmpty();
        assertThat(Eligibility.refusal(homeOnly, someone, new DecisionRequest("web", null, 1, T0))).isEmpty();
    }

    @Test
    void shouldRefuseOffersOutsideTheirValidityWindow() {
        Offer december = new Offer("d", "c", "D", null, null, List.of("web"), List.of(), 1, 1, T0, T0 + DAY,
                List.of());
        CustomerProfile someone = CustomerProfile.empty("x");

        assertThat(Eligibility.refusal(december, someone, new DecisionRequest("web", null, 1, T0 - 1)))
                .contains("outside its validity window");
        assertThat(Eligibility.refusal(december, someone, new DecisionRequest("web", null, 1, T0))).isEmpty();
        assertThat(Eligibility.refusal(december, someone, new DecisionRequest("web", null, 1, T0 + DAY)))
                .contains("outside its validity window");
    }

    @Test
    void shouldRequireGivenConsentAndRespectAWithdrawnChannel() {
        Offer marketing = new Offer("m", "c", "M", null, null, List.of("email"), List.of(), 1, 1, null, null,
                List.of("marketing"));
        CustomerProfile unknown = CustomerProfile.empty("x");
        CustomerProfile consenting = updater.apply(null, Events.consents("c1", Map.of("marketing", true), T0));
        CustomerProfile emailWithdrawn = updater.apply(consenting, Events.consents("c1", Map.of("email", false), T0));
        DecisionRequest email = new DecisionRequest("email", null, 1, T0);

        assertThat(Eligibility.refusal(marketing, unknown, email)).contains("needs consent for marketing");
        assertThat(Eligibility.refusal(marketing, consenting, email)).isEmpty();
        assertThat(Eligibility.refusal(marketing, emailWithdrawn, email))
                .contains("customer has withdrawn consent for channel email");
        assertThat(scorer.rank(List.of(marketing), emailWithdrawn, email)).isEmpty();
    }
}
