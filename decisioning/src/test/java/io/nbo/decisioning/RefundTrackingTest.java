package io.nbo.decisioning;

import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.offers.Offer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refunds of an order that converted a presentation take back what the conversion added to the campaign. */
class RefundTrackingTest {
    private static final long HOUR = 3_600_000L;
    private static final TransactionEvent.Item BOOK = new TransactionEvent.Item("p-book", "books", 1, 30.0);
    private static final TransactionEvent.Item SECOND_BOOK = new TransactionEvent.Item("p-book-2", "books", 1, 20.0);
    private static final TransactionEvent.Item SPADE = new TransactionEvent.Item("p-spade", "garden", 1, 15.0);
    private final ContactTracker tracker = new ContactTracker(24 * HOUR);
    private final Map<String, Offer> catalogue = Map.of("o1", Events.offer("o1", "books", 10, 1, "web"));
    private final List<CampaignUpdate> sent = new ArrayList<>();

    private static DecisionRecord decision(String id, long at, boolean heldOut) {
        DecisionRecord.Candidate candidate = new DecisionRecord.Candidate("o1", "camp-o1", "books", "web/top", 0.1,
                0.1, 1, 10, 1, 1, 1, 1);
        return heldOut
                ? new DecisionRecord(id, "c1", at, "web", "home", "thompson", List.of(), List.of(),
                List.of(new DecisionRecord.ControlHold("camp-o1", "o1", "books")), false, "involvement", "low")
                : new DecisionRecord(id, "c1", at, "web", "home", "thompson", List.of(candidate), List.of("o1"),
                List.of(), false, "involvement", "low");
    }

    private static TransactionEvent transaction(String type, String orderId, long at, double amount,
                                                TransactionEvent.Item... items) {
        return new TransactionEvent(type, type + at, "c1", null, at, "web", orderId, amount, "EUR", List.of(items),
                null);
    }

    private ContactHistory apply(ContactTracker.Result result) {
        sent.addAll(result.campaigns());
        return result.history();
    }

    private CampaignStats stats() {
        CampaignStats stats = CampaignStats.empty("camp-o1");
        for (CampaignUpdate update : sent) {
            stats = stats.with(update);
        }
        return stats;
    }

    /** Shown (or held out) at T0, then an order of two books and a spade an hour later. */
    private ContactHistory boughtBooksAndASpade(boolean heldOut) {
        ContactHistory history = apply(tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, heldOut)));
        return apply(tracker.onPurchase(history, transaction("purchase", "o-1", T0 + HOUR, 65, BOOK, SECOND_BOOK,
                SPADE), catalogue::get));
    }

    @Test
    void shouldTakeARefundedItemsValueFromTheConversionAndKeepTheConversion() {
        ContactHistory history = boughtBooksAndASpade(false);
        assertThat(stats().treatment().revenue()).isEqualTo(50);

        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 30, BOOK)));

        assertThat(stats().treatment().revenue()).isEqualTo(20);
        assertThat(stats().treatment().revenueSquares()).isEqualTo(400);
        assertThat(stats().treatment().conversions()).isEqualTo(1);
        assertThat(stats().treatment().convertingCustomers()).isEqualTo(1);
        assertThat(stats().offer("o1").revenue()).isEqualTo(20);
    }

    @Test
    void shouldUndoTheConversionWhenEverythingItCountedIsRefundedAndLetALaterPurchaseConvertAgain() {
        ContactHistory history = boughtBooksAndASpade(false);

        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 30, BOOK)));
        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 3 * HOUR, 20, SECOND_BOOK)));

        assertThat(stats().treatment().conversions()).isZero();
        assertThat(stats().treatment().convertingCustomers()).isZero();
        assertThat(stats().treatment().revenue()).isZero();
        assertThat(stats().treatment().revenueSquares()).isZero();
        assertThat(stats().treatment().customers()).isEqualTo(1);
        assertThat(history.presentations()).singleElement().satisfies(p -> assertThat(p.converted()).isFalse());

        apply(tracker.onPurchase(history, transaction("purchase", "o-2", T0 + 4 * HOUR, 12,
                new TransactionEvent.Item("p-book-3", "books", 1, 12.0)), catalogue::get));

        assertThat(stats().treatment().conversions()).isEqualTo(1);
        assertThat(stats().treatment().convertingCustomers()).isEqualTo(1);
        assertThat(stats().treatment().revenue()).isEqualTo(12);
    }

    @Test
    void shouldChangeNothingForItemsTheOfferDidNotMatchAnotherOrderOrNoOrder() {
        ContactHistory history = boughtBooksAndASpade(false);

        ContactTracker.Result spade = tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 15, SPADE));
        ContactTracker.Result otherOrder = tracker.onRefund(history, transaction("refund", "o-9", T0 + 2 * HOUR, 30,
                BOOK));
        ContactTracker.Result noOrder = tracker.onRefund(history, transaction("refund", null, T0 + 2 * HOUR, 30, BOOK));

        for (ContactTracker.Result result : List.of(spade, otherOrder, noOrder)) {
            assertThat(result.campaigns()).isEmpty();
            assertThat(result.history()).isEqualTo(history);
        }
    }

    @Test
    void shouldTakeTheConversionsShareOfAnItemlessRefundUpToWhatItBrings() {
        ContactHistory history = boughtBooksAndASpade(false);

        // The books were 50 of the order's 65: they lose 50/65 of what the refund gives back.
        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 13)));
        assertThat(stats().treatment().revenue()).isCloseTo(40, within(1e-9));

        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 3 * HOUR, 65)));
        assertThat(stats().treatment().revenue()).isZero();
        assertThat(stats().treatment().convertingCustomers()).isZero();
    }

    @Test
    void shouldTakeBackEachCreditedItemOnceAndNothingForItemsTheOrderDidNotCredit() {
        ContactHistory history = boughtBooksAndASpade(false);
        TransactionEvent.Item otherBook = new TransactionEvent.Item("p-not-bought", "books", 1, 30.0);

        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 20, SECOND_BOOK)));
        ContactTracker.Result again = tracker.onRefund(history, transaction("refund", "o-1", T0 + 3 * HOUR, 20,
                SECOND_BOOK));
        ContactTracker.Result notBought = tracker.onRefund(history, transaction("refund", "o-1", T0 + 3 * HOUR, 30,
                otherBook));

        assertThat(stats().treatment().revenue()).isEqualTo(30);
        assertThat(again.campaigns()).as("the second book was taken back already").isEmpty();
        assertThat(notBought.campaigns()).as("a book this order did not hold").isEmpty();
    }

    @Test
    void shouldShareAnItemlessRefundAmongTheCampaignsItsOrderConvertedByWhatEachWasCredited() {
        Map<String, Offer> twoCampaigns = Map.of("o1", catalogue.get("o1"),
                "o2", Events.offer("o2", "garden", 10, 1, "web"));
        List<DecisionRecord.Candidate> candidates = List.of(
                new DecisionRecord.Candidate("o1", "camp-o1", "books", "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 1),
                new DecisionRecord.Candidate("o2", "camp-o2", "garden", "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 2));
        ContactHistory history = apply(tracker.onDecision(ContactHistory.EMPTY, new DecisionRecord("d1", "c1", T0,
                "web", "home", "thompson", candidates, List.of("o1", "o2"), List.of(), false, "involvement", "low")));
        history = apply(tracker.onPurchase(history, transaction("purchase", "o-1", T0 + HOUR, 65, BOOK, SECOND_BOOK,
                SPADE), twoCampaigns::get));

        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 13)));

        double books = sent.stream().filter(u -> u.campaignId().equals("camp-o1")).mapToDouble(CampaignUpdate::revenue)
                .sum();
        double garden = sent.stream().filter(u -> u.campaignId().equals("camp-o2"))
                .mapToDouble(CampaignUpdate::revenue).sum();
        assertThat(books).as("50 of 65 credited: loses 10 of the 13").isCloseTo(40, within(1e-9));
        assertThat(garden).as("15 of 65 credited: loses 3").isCloseTo(12, within(1e-9));
    }

    @Test
    void shouldTakeBackOnlyThePriceARefundLineGivesBackAndKeepTheRestOfTheItem() {
        ContactHistory history = boughtBooksAndASpade(false);

        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 10,
                new TransactionEvent.Item("p-book", "books", 1, 10.0))));
        assertThat(stats().treatment().revenue()).as("a 10 price adjustment on the 30 book").isEqualTo(40);

        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 3 * HOUR, 20,
                new TransactionEvent.Item("p-book", "books", 1, null))));
        assertThat(stats().treatment().revenue()).as("the book sent back: the 20 it was still worth").isEqualTo(20);
        assertThat(stats().treatment().conversions()).isEqualTo(1);

        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 4 * HOUR, 20, SECOND_BOOK)));
        assertThat(stats().treatment().revenue()).isZero();
        assertThat(stats().treatment().conversions()).isZero();
    }

    @Test
    void shouldTakeARefundBackAfterLaterShowingsPushedTheConvertedOneOutOfTheHistory() {
        ContactHistory history = boughtBooksAndASpade(false);
        for (int i = 0; i < ContactHistory.MAX_PRESENTATIONS; i++) {
            history = apply(tracker.onDecision(history, decision("later-" + i, T0 + 2 * HOUR + i, false)));
        }
        assertThat(history.presentations()).noneMatch(p -> p.decisionId().equals("d1"));

        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 3 * HOUR, 50, BOOK, SECOND_BOOK)));

        assertThat(stats().treatment().revenue()).isZero();
        assertThat(stats().treatment().convertingCustomers()).isZero();
    }

    @Test
    void shouldCreditWhatWasPaidNotTheListPricesAndShareTheUnpricedRemainder() {
        ContactHistory history = apply(tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, false)));
        // Two books at 100 each for 100 in all: each counts for the 50 paid for it.
        history = apply(tracker.onPurchase(history, transaction("purchase", "o-1", T0 + HOUR, 100,
                new TransactionEvent.Item("p-a", "books", 1, 100.0), new TransactionEvent.Item("p-b", "books", 1, 100.0)),
                catalogue::get));
        assertThat(stats().treatment().revenue()).isEqualTo(100);

        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 50,
                new TransactionEvent.Item("p-a", "books", 1, null))));
        assertThat(stats().treatment().revenue()).as("one book back, the other kept").isEqualTo(50);
        assertThat(stats().treatment().conversions()).isEqualTo(1);

        ContactHistory mixed = apply(tracker.onDecision(ContactHistory.EMPTY, decision("d3", T0, false)));
        apply(tracker.onPurchase(mixed, transaction("purchase", "o-3", T0 + HOUR, 150,
                new TransactionEvent.Item("p-d", "books", 2, 100.0), new TransactionEvent.Item("p-misc", "misc", 1, 100.0)),
                catalogue::get));
        assertThat(stats().treatment().revenue()).as("the order's discount shared: the books' part of 150 is 100")
                .isEqualTo(150);

        ContactHistory other = apply(tracker.onDecision(ContactHistory.EMPTY, decision("d2", T0, false)));
        apply(tracker.onPurchase(other, transaction("purchase", "o-2", T0 + HOUR, 50,
                new TransactionEvent.Item("p-c", "books", 1, null), new TransactionEvent.Item("p-misc", "misc", 1, 25.0)),
                catalogue::get));
        assertThat(stats().treatment().revenue()).as("the unpriced book is what the 50 leaves after 25").isEqualTo(175);
    }

    @Test
    void shouldUndoAFreeConversionOnlyWhenItsLineComesBack() {
        ContactHistory history = apply(tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, false)));
        history = apply(tracker.onPurchase(history, transaction("purchase", "o-1", T0 + HOUR, 25,
                new TransactionEvent.Item("p-gift", "books", 1, 0.0), new TransactionEvent.Item("p-misc", "misc", 1, 25.0)),
                catalogue::get));
        assertThat(stats().treatment().conversions()).isEqualTo(1);

        ContactTracker.Result amountBack = tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 5));
        ContactTracker.Result miscBack = tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 25,
                new TransactionEvent.Item("p-misc", "misc", 1, 25.0)));
        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 0,
                new TransactionEvent.Item("p-gift", "books", 1, 0.0))));

        assertThat(amountBack.campaigns()).as("the amount was for something else").isEmpty();
        assertThat(miscBack.campaigns()).isEmpty();
        assertThat(stats().treatment().conversions()).as("the gift came back").isZero();
    }

    @Test
    void shouldTakeBackUnitsOfALineOneRefundAtATime() {
        ContactHistory history = apply(tracker.onDecision(ContactHistory.EMPTY, decision("d1", T0, false)));
        history = apply(tracker.onPurchase(history, transaction("purchase", "o-1", T0 + HOUR, 45,
                new TransactionEvent.Item("p-book", "books", 3, 15.0)), catalogue::get));

        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 30,
                new TransactionEvent.Item("p-book", "books", 2, 15.0))));
        assertThat(stats().treatment().revenue()).isEqualTo(15);
        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 3 * HOUR, 75,
                new TransactionEvent.Item("p-book", "books", 5, 15.0))));
        assertThat(stats().treatment().revenue()).isZero();
        assertThat(stats().treatment().conversions()).isZero();
    }

    @Test
    void shouldLeaveAConversionAloneWhenItsRefundComesAfterTheReturnWindow() {
        ContactHistory history = boughtBooksAndASpade(false);
        long late = T0 + HOUR + java.time.Duration.ofDays(91).toMillis();

        ContactTracker.Result refunded = tracker.onRefund(history, transaction("refund", "o-1", late, 30, BOOK));

        assertThat(refunded.campaigns()).isEmpty();
    }

    @Test
    void shouldTakeAHeldOutCustomersRefundFromTheControlGroup() {
        ContactHistory history = boughtBooksAndASpade(true);
        assertThat(stats().control().revenue()).isEqualTo(50);

        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 2 * HOUR, 65, BOOK, SECOND_BOOK, SPADE)));

        assertThat(stats().control().revenue()).isZero();
        assertThat(stats().control().convertingCustomers()).isZero();
        assertThat(stats().control().customers()).isEqualTo(1);
        assertThat(stats().treatment().customers()).isZero();
    }

    @Test
    void shouldKeepACustomerConvertingWhileAnotherConversionStands() {
        ContactHistory history = boughtBooksAndASpade(false);
        history = apply(tracker.onDecision(history, decision("d2", T0 + 2 * HOUR, false)));
        history = apply(tracker.onPurchase(history, transaction("purchase", "o-2", T0 + 3 * HOUR, 12,
                new TransactionEvent.Item("p-book-3", "books", 1, 12.0)), catalogue::get));
        assertThat(stats().treatment().revenueSquares()).isEqualTo(62 * 62);

        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 4 * HOUR, 50, BOOK, SECOND_BOOK)));

        assertThat(stats().treatment().conversions()).isEqualTo(1);
        assertThat(stats().treatment().convertingCustomers()).isEqualTo(1);
        assertThat(stats().treatment().revenue()).isEqualTo(12);
        assertThat(stats().treatment().revenueSquares()).isEqualTo(144);
    }

    @Test
    void shouldCountARefundOnceWhateverIsSentTwice() {
        ContactHistory history = boughtBooksAndASpade(false);
        TransactionEvent all = transaction("refund", "o-1", T0 + 2 * HOUR, 50, BOOK, SECOND_BOOK);

        history = apply(tracker.onRefund(history, all));
        apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 3 * HOUR, 50, BOOK, SECOND_BOOK)));

        assertThat(stats().treatment().revenue()).isZero();
        assertThat(stats().treatment().conversions()).isZero();
        assertThat(stats().treatment().convertingCustomers()).isZero();
    }

    @Test
    void shouldCountAnOrderSentAgainUnderAnotherEventIdOnceAndRefundItOnce() {
        ContactHistory history = boughtBooksAndASpade(false);
        history = apply(tracker.onDecision(history, decision("d2", T0 + 2 * HOUR, false)));

        history = apply(tracker.onPurchase(history, new TransactionEvent("purchase", "resent", "c1", null,
                T0 + 3 * HOUR, "web", "o-1", 65, "EUR", List.of(BOOK, SECOND_BOOK, SPADE), null), catalogue::get));

        assertThat(stats().treatment().conversions()).as("the later showing is no second conversion of the order")
                .isEqualTo(1);
        assertThat(stats().treatment().revenue()).isEqualTo(50);
        history = apply(tracker.onRefund(history, transaction("refund", "o-1", T0 + 4 * HOUR, 50, BOOK, SECOND_BOOK)));
        assertThat(stats().treatment().conversions()).isZero();
        assertThat(stats().treatment().revenue()).isZero();

        apply(tracker.onPurchase(history, transaction("purchase", "o-1", T0 + 5 * HOUR, 12,
                new TransactionEvent.Item("p-book-3", "books", 1, 12.0)), catalogue::get));
        assertThat(stats().treatment().conversions()).as("a refund in full frees the order").isEqualTo(1);
        assertThat(stats().treatment().revenue()).isEqualTo(12);
    }
}
