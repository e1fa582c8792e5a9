package io.nbo.decisioning;

import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.decisioning.identity.ProfileMerger;
import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactTrackerTest {
    private static final long HOUR = 3_600_000L;
    private final ContactTracker tracker = new ContactTracker(24 * HOUR);
    private final Map<String, Offer> catalogue = Map.of("o1", Events.offer("o1", "books", 10, 1, "web"));

    private static DecisionRecord decision(String id, long at, List<DecisionRecord.ControlHold> heldOut,
                                           String... shown) {
        List<DecisionRecord.Candidate> candidates = java.util.Arrays.stream(shown)
                .map(o -> new DecisionRecord.Candidate(o, "camp-" + o, "books", "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 1))
                .toList();
        return new DecisionRecord(id, "c1", at, "web", "home", "thompson", candidates, List.of(shown), heldOut, false, "involvement", "low");
    }

    private static OfferResponse response(String decisionId, String outcome, long at, Double value) {
        return new OfferResponse("offer_response", decisionId + ":" + outcome, decisionId, "c1", null, "o1", "camp-o1",
                outcome, at, "web", value, null);
    }

    private static TransactionEvent purchase(String category, double price, long at) {
        return new TransactionEvent("purchase", "t" + at, "c1", null, at, "web", null, price + 5, "EUR",
                List.of(new TransactionEvent.Item("p1", category, 1, price)), null);
    }

    @Test
    void shouldNameTheDecisionsOfItsPresentationsFromAGivenTimeOn() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();
        history = tracker.onDecision(history, decision("d2", T0 + HOUR, List.of(), "o1")).history();
        history = tracker.onDecision(history, decision("d3", T0 + 2 * HOUR, List.of(), "o1")).history();

        assertThat(history.decisionIdsSince(T0 + HOUR)).containsExactlyInAnyOrder("d2", "d3");
        assertThat(history.decisionIdsSince(T0)).containsExactlyInAnyOrder("d1", "d2", "d3");
        assertThat(history.decisionIdsSince(T0 + 2 * HOUR + 1)).isEmpty();
    }

    @Test
    void shouldTurnAPresentationIntoATrialAndACampaignPresentation() {
        ContactTracker.Result result = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1"));

        assertThat(result.learning()).containsExactly(new LearningUpdate("o1", "web/top", 1, 0, T0));
        assertThat(result.campaigns()).hasSize(1);
        CampaignUpdate update = result.campaigns().get(0);
        assertThat(update.presentations()).isEqualTo(1);
        assertThat(update.newCustomers()).isEqualTo(1);
        assertThat(update.control()).isFalse();
        assertThat(tracker.onDecision(result.history(), decision("d1", T0, List.of(), "o1")).campaigns())
                .as("the same decision twice counts once").isEmpty();
    }

    @Test
    void shouldCountOneSuccessPerPresentationWhateverTheResponses() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();

        ContactTracker.Result accepted = tracker.onResponse(history, response("d1", "accept", T0 + 1, null));
        ContactTracker.Result converted = tracker.onResponse(accepted.history(), response("d1", "convert", T0 + 2, 30.0));

        assertThat(accepted.learning()).containsExactly(new LearningUpdate("o1", "web/top", 0, 1, T0 + 1));
        assertThat(accepted.campaigns().get(0).accepts()).isEqualTo(1);
        assertThat(converted.learning()).isEmpty();
        assertThat(converted.campaigns()).as("no campaign conversion: control customers cannot send one").isEmpty();
    }

    @Test
    void shouldLeaveAConvertResponsesPresentationToThePurchaseThatFollows() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();
        ContactTracker.Result converted = tracker.onResponse(history, response("d1", "convert", T0 + 1, null));

        ContactTracker.Result bought = tracker.onPurchase(converted.history(), purchase("books", 100, T0 + 2),
                catalogue::get);

        assertThat(converted.learning()).containsExactly(new LearningUpdate("o1", "web/top", 0, 1, T0 + 1));
        assertThat(bought.learning()).as("one success per presentation").isEmpty();
        assertThat(bought.campaigns()).singleElement().satisfies(update -> {
            assertThat(update.conversions()).isEqualTo(1);
            assertThat(update.revenue()).isEqualTo(100.0);
        });
    }

    @Test
    void shouldIgnoreResponsesToDecisionsItNeverMade() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();

        ContactTracker.Result forged = tracker.onResponse(history, response("made-up", "accept", T0 + 1, null));

        assertThat(forged.campaigns()).isEmpty();
        assertThat(forged.learning()).isEmpty();
        assertThat(forged.history()).isEqualTo(history);
    }

    @Test
    void shouldCountEachOutcomeOncePerPresentationAndIgnoreResponsesToHeldOutOffers() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();
        ContactTracker.Result first = tracker.onResponse(history, response("d1", "accept", T0 + 1, null));
        OfferResponse again = new OfferResponse("offer_response", "other-id", "d1", "c1", null, "o1", "camp-o1",
                "accept", T0 + 2, "web", null, null);

        assertThat(tracker.onResponse(first.history(), again).campaigns()).isEmpty();

        ContactHistory held = tracker.onDecision(ContactHistory.EMPTY, decision("d2", T0,
                List.of(new DecisionRecord.ControlHold("camp-o1", "o1", "books")))).history();
        assertThat(tracker.onResponse(held, response("d2", "convert", T0 + 1, 10.0)).campaigns()).isEmpty();
    }

    @Test
    void shouldAttributeAMatchingPurchaseWithinTheWindowOnce() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();

        ContactTracker.Result bought = tracker.onPurchase(history, purchase("books", 25, T0 + HOUR), catalogue::get);
        ContactTracker.Result again = tracker.onPurchase(bought.history(), purchase("books", 25, T0 + 2 * HOUR),
                catalogue::get);

        assertThat(bought.campaigns()).singleElement().satisfies(u -> {
            assertThat(u.conversions()).isEqualTo(1);
            assertThat(u.revenue()).isEqualTo(25);
            assertThat(u.revenueSquaresDelta()).isEqualTo(625);
        });
        assertThat(bought.learning()).containsExactly(new LearningUpdate("o1", "web/top", 0, 1, T0 + HOUR));
        assertThat(again.campaigns()).isEmpty();
    }

    @Test
    void shouldStartTheCoolDownOfAnOfferAPurchaseConvertsAfterAShowingOrAHold() {
        ContactHistory shown = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();
        ContactHistory held = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0,
                List.of(new DecisionRecord.ControlHold("camp-o1", "o1", "books")))).history();

        ContactHistory bought = tracker.onPurchase(shown, purchase("books", 25, T0 + HOUR), catalogue::get).history();
        ContactTracker.Result heldBought = tracker.onPurchase(held, purchase("books", 25, T0 + HOUR), catalogue::get);

        assertThat(bought.offer("o1").lastAcceptAt()).isEqualTo(T0 + HOUR);
        assertThat(heldBought.campaigns()).as("the hold converts").singleElement();
        assertThat(heldBought.history().offer("o1").lastAcceptAt())
                .as("control cools down alike, or its holds would go on converting purchases treatment's cannot")
                .isEqualTo(T0 + HOUR);
    }

    @Test
    void shouldStartACoolDownNoLaterThanNowAndNoEarlierThanTheShowing() {
        ContactHistory shown = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();

        ContactHistory ahead = tracker.onPurchase(shown, purchase("books", 25, T0 + 20 * HOUR), catalogue::get,
                T0 + HOUR).history();
        ContactHistory behind = tracker.onPurchase(shown, purchase("books", 25, T0 - 2000), catalogue::get,
                T0 + HOUR).history();

        assertThat(ahead.offer("o1").lastAcceptAt()).as("a shop clock ahead of ours").isEqualTo(T0 + HOUR);
        assertThat(behind.offer("o1").lastAcceptAt()).as("within the clock skew, before the showing").isEqualTo(T0);
    }

    @Test
    void shouldKeepTheDeclineStreakOfAnOfferAPurchaseConverts() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();
        history = tracker.onResponse(history, response("d1", "decline", T0 + 1, null)).history();
        history = tracker.onDecision(history, decision("d2", T0 + 2, List.of(), "o1")).history();
        history = tracker.onResponse(history, new OfferResponse("offer_response", "d2:decline", "d2", "c1", null, "o1",
                "camp-o1", "decline", T0 + 3, "web", null, null)).history();

        ContactHistory bought = tracker.onPurchase(history, purchase("books", 25, T0 + HOUR), catalogue::get).history();

        assertThat(bought.offer("o1").declinesInRow()).as("buying a book says nothing of the offer declined twice")
                .isEqualTo(2);
        assertThat(bought.offer("o1").lastAcceptAt()).isEqualTo(T0 + HOUR);
    }

    @Test
    void shouldCreditEveryItemOfABasketMatchingTwoOffersOfOneCampaignOnceWhicheverRankedFirst() {
        Map<String, Offer> oneCampaign = Map.of("shoes", Events.offer("shoes", "shoes", 10, 1, "web"),
                "socks", Events.offer("socks", "socks", 10, 1, "web"));
        TransactionEvent basket = new TransactionEvent("purchase", "t1", "c1", null, T0 + HOUR, "web", "o-1", 60, "EUR",
                List.of(new TransactionEvent.Item("p-shoe", "shoes", 1, 50.0),
                        new TransactionEvent.Item("p-sock", "socks", 2, 10.0)), null);
        for (List<String> order : List.of(List.of("shoes", "socks"), List.of("socks", "shoes"))) {
            List<DecisionRecord.Candidate> candidates = order.stream().map(o -> new DecisionRecord.Candidate(o, "feet",
                    o, "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 1)).toList();
            ContactHistory shown = tracker.onDecision(ContactHistory.EMPTY, new DecisionRecord("d1", "c1", T0, "web",
                    "home", "thompson", candidates, order, List.of(), false, "involvement", "low")).history();

            ContactTracker.Result bought = tracker.onPurchase(shown, basket, oneCampaign::get);

            assertThat(bought.campaigns()).as("shown " + order).singleElement().satisfies(u -> {
                assertThat(u.conversions()).isEqualTo(1);
                assertThat(u.revenue()).as("paid 60: shoes 50 and two socks at 10, of which 60 were paid")
                        .isEqualTo(60);
            });
            assertThat(bought.learning()).as("both offers shown were bought").hasSize(2);
        }
    }

    @Test
    void shouldLearnOneSuccessPerOfferFromAPurchaseAfterTwoShowingsAndLeaveTheOtherForTheNextPurchase() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();
        history = tracker.onDecision(history, decision("d2", T0 + HOUR, List.of(), "o1")).history();

        ContactTracker.Result bought = tracker.onPurchase(history, purchase("books", 25, T0 + 2 * HOUR), catalogue::get);
        ContactTracker.Result again = tracker.onPurchase(bought.history(), purchase("books", 15, T0 + 3 * HOUR),
                catalogue::get);

        assertThat(bought.learning()).containsExactly(new LearningUpdate("o1", "web/top", 0, 1, T0 + 2 * HOUR));
        assertThat(bought.campaigns()).singleElement().satisfies(u -> assertThat(u.revenue()).isEqualTo(25));
        assertThat(again.campaigns()).as("the first showing converts on the next purchase").singleElement()
                .satisfies(u -> assertThat(u.revenue()).isEqualTo(15));
    }

    @Test
    void shouldNotAttributeOtherCategoriesLateOrEarlyPurchases() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();

        assertThat(tracker.onPurchase(history, purchase("garden", 25, T0 + HOUR), catalogue::get).campaigns()).isEmpty();
        assertThat(tracker.onPurchase(history, purchase("books", 25, T0 + 25 * HOUR), catalogue::get).campaigns())
                .isEmpty();
        assertThat(tracker.onPurchase(history, purchase("books", 25, T0 - HOUR), catalogue::get).campaigns()).isEmpty();
        assertThat(tracker.onPurchase(history, purchase("books", 25, T0 - ContactTracker.PURCHASE_CLOCK_SKEW_MILLIS - 1),
                catalogue::get).campaigns()).as("earlier than a clock's skew").isEmpty();
    }

    @Test
    void shouldCreditAShowingBeforeThePurchaseRatherThanOneOnItsConfirmationPage() {
        long paid = T0 + HOUR;
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("before", T0, List.of(), "o1"))
                .history();
        history = tracker.onDecision(history, decision("confirmation", paid + 2_000, List.of(), "o1")).history();

        ContactTracker.Result bought = tracker.onPurchase(history, purchase("books", 25, paid), catalogue::get);

        assertThat(bought.campaigns()).singleElement().satisfies(u -> assertThat(u.conversions()).isEqualTo(1));
        assertThat(bought.history().presentations()).filteredOn(Presentation::converted)
                .extracting(Presentation::decisionId).containsExactly("before");
        assertThat(bought.learning()).singleElement().satisfies(u -> assertThat(u.at()).isEqualTo(paid));
    }

    @Test
    void shouldAttributeAPurchaseDatedASecondBeforeTheShowingToAClockBehindOurs() {
        ContactHistory history = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0 + 258, List.of(), "o1"))
                .history();

        // Dated in whole seconds, by a shop whose clock is behind the service's.
        ContactTracker.Result bought = tracker.onPurchase(history, purchase("books", 25, T0 - 1000), catalogue::get);

        assertThat(bought.campaigns()).singleElement().satisfies(u -> assertThat(u.conversions()).isEqualTo(1));
        assertThat(bought.learning()).as("the offer learns its success").isNotEmpty();
    }

    private static final DecisionRecord.ControlHold HOLD = new DecisionRecord.ControlHold("camp-o1", "o1", "books");

    /** A books purchase an hour after a login merged the visitor's decided history into the customer's. */
    private ContactTracker.Result purchaseAfterLogin(DecisionRecord customerDecision, DecisionRecord visitorDecision) {
        ContactHistory customer = tracker.onDecision(ContactHistory.EMPTY, customerDecision).history();
        ContactHistory visitor = tracker.onDecision(ContactHistory.EMPTY, visitorDecision).history();
        ContactHistory merged = new ProfileMerger(ProfileRules.defaults()).merge(customer, visitor, T0 + 2 * HOUR)
                .history();
        return tracker.onPurchase(merged, purchase("books", 40, T0 + 3 * HOUR), catalogue::get);
    }

    @Test
    void shouldCreditAPurchaseToTheCustomersOwnGroupAfterALoginMergedAVisitorHeldOutLater() {
        ContactTracker.Result bought = purchaseAfterLogin(decision("d-c", T0, List.of(), "o1"),
                decision("d-v", T0 + HOUR, List.of(HOLD)));

        assertThat(bought.campaigns()).as("the treated customer's conversion, though the visitor's hold is later")
                .singleElement().satisfies(u -> {
                    assertThat(u.control()).isFalse();
                    assertThat(u.outsideGroups()).isFalse();
                    assertThat(u.newConvertingCustomers()).isEqualTo(1);
                });
        assertThat(bought.learning()).isNotEmpty();
    }

    @Test
    void shouldCountAHeldOutCustomersConversionInControlAfterTheirVisitorSawTheOffers() {
        ContactTracker.Result bought = purchaseAfterLogin(decision("d-c", T0 + HOUR, List.of(HOLD)),
                decision("d-v", T0, List.of(), "o1"));

        assertThat(bought.campaigns()).as("where the customer was assigned: a treated visitor is no reason to lose it")
                .singleElement().satisfies(u -> {
                    assertThat(u.control()).isTrue();
                    assertThat(u.outsideGroups()).isFalse();
                    assertThat(u.newConvertingCustomers()).isEqualTo(1);
                });
        assertThat(bought.learning()).as("the offer shown is credited, not the later hold: learning counts it")
                .isNotEmpty();
    }

    @Test
    void shouldCountControlExposuresAndTheirConversionsWithoutLearningFromThem() {
        DecisionRecord held = decision("d1", T0, List.of(new DecisionRecord.ControlHold("camp-o1", "o1", "books")));
        ContactTracker.Result exposed = tracker.onDecision(ContactHistory.EMPTY, held);
        ContactTracker.Result bought = tracker.onPurchase(exposed.history(), purchase("books", 40, T0 + HOUR),
                catalogue::get);

        assertThat(exposed.learning()).isEmpty();
        assertThat(exposed.campaigns()).singleElement().satisfies(u -> {
            assertThat(u.control()).isTrue();
            assertThat(u.newCustomers()).isEqualTo(1);
        });
        assertThat(bought.learning()).isEmpty();
        CampaignStats stats = CampaignStats.empty("camp-o1");
        for (CampaignUpdate u : exposed.campaigns()) {
            stats = stats.with(u);
        }
        for (CampaignUpdate u : bought.campaigns()) {
            stats = stats.with(u);
        }
        assertThat(stats.control().customers()).isEqualTo(1);
        assertThat(stats.control().convertingCustomers()).isEqualTo(1);
        assertThat(stats.control().revenue()).isEqualTo(40);
        assertThat(stats.treatment().customers()).isZero();
    }

    @Test
    void shouldCountAControlCustomerShownTheOfferAfterTheHoldOutInControlStill() {
        DecisionRecord held = decision("d1", T0, List.of(new DecisionRecord.ControlHold("camp-o1", "o1", "books")));
        ContactTracker.Result exposed = tracker.onDecision(ContactHistory.EMPTY, held);
        DecisionRecord shownLater = new DecisionRecord("d2", "c1", T0 + HOUR, "web", "home", "thompson",
                List.of(new DecisionRecord.Candidate("o1", "camp-o1", "books", "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 1)),
                List.of("o1"), List.of(), false, "involvement", "low");
        ContactTracker.Result shown = tracker.onDecision(exposed.history(), shownLater);
        ContactTracker.Result bought = tracker.onPurchase(shown.history(), purchase("books", 40, T0 + 2 * HOUR),
                catalogue::get);

        CampaignStats stats = CampaignStats.empty("camp-o1");
        for (ContactTracker.Result r : List.of(exposed, shown, bought)) {
            for (CampaignUpdate u : r.campaigns()) {
                stats = stats.with(u);
            }
        }
        assertThat(stats.offer("o1").presentations()).as("the offer was shown: its caps count it").isEqualTo(1);
        assertThat(stats.treatment().presentations()).as("but not as a treatment customer's").isZero();
        assertThat(stats.treatment().customers()).isZero();
        assertThat(stats.treatment().conversions()).isZero();
        assertThat(stats.control().customers()).isEqualTo(1);
        assertThat(stats.control().conversions()).as("assigned to control, whatever was shown since").isEqualTo(1);
        assertThat(stats.offer("o1").conversions()).as("the offer's totals count treated customers' conversions")
                .isZero();
        assertThat(stats.control().revenue()).isEqualTo(40);

        ContactTracker.Result accepted = tracker.onResponse(bought.history(), response("d2", "accept", T0 + 3 * HOUR,
                null));
        CampaignStats withAccept = stats;
        for (CampaignUpdate u : accepted.campaigns()) {
            withAccept = withAccept.with(u);
        }
        assertThat(withAccept.offer("o1").accepts()).isEqualTo(1);
        assertThat(withAccept.treatment().accepts()).isZero();
    }

    @Test
    void shouldDateAResponseNoEarlierThanThePresentationItAnswers() {
        ContactHistory shown = tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, List.of(), "o1")).history();

        ContactTracker.Result accepted = tracker.onResponse(shown, response("d1", "accept", T0 - 35 * 24 * HOUR, null));

        assertThat(accepted.history().offer("o1").lastAcceptAt()).isEqualTo(T0);
        assertThat(accepted.learning()).singleElement().satisfies(u -> assertThat(u.at()).isEqualTo(T0));
        assertThat(accepted.campaigns()).singleElement().satisfies(u -> assertThat(u.at()).isEqualTo(T0));
    }
}
