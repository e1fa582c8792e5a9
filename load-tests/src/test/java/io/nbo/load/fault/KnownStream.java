package io.nbo.load.fault;

import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The known stream: for every customer, purchases (some with a book in them), a refund for every other one,
 * product views, and responses to the home decisions made before the faults (an impression, a click and an
 * accept or decline each, one click repeated under a new id, plus a response to a decision that never was).
 * Shuffled with a fixed seed; one in five records is sent twice, as a client retry would. The expected totals
 * follow from the plan: all amounts are whole numbers, so sums of doubles are exact.
 */
final class KnownStream {
    static final String HOME_OFFER = "fault-books";
    static final String HOME_CAMPAIGN = "fault-home";
    static final String BOOKS = "books";
    /** A book's price: what each conversion of a home presentation brings its campaign. */
    static final double BOOK_PRICE = 10;
    private static final int PURCHASES = 12;
    private static final int PRODUCT_VIEWS = 24;

    final Map<String, ExpectedCustomer> customers = new LinkedHashMap<>();
    final List<PlannedEvent> events = new ArrayList<>();
    private final String runTag;

    private KnownStream(String runTag) {
        this.runTag = runTag;
    }

    /** {@code customers} already carry their home decisions; {@code seed} fixes the order and the retries. */
    static KnownStream plan(String runTag, List<ExpectedCustomer> customers, long seed) {
        KnownStream stream = new KnownStream(runTag);
        for (int i = 0; i < customers.size(); i++) {
            stream.planCustomer(i, customers.get(i));
        }
        Random random = new Random(seed);
        Collections.shuffle(stream.events, random);
        List<PlannedEvent> withRetries = new ArrayList<>();
        for (PlannedEvent event : stream.events) {
            boolean retry = random.nextInt(5) == 0;
            withRetries.add(retry ? new PlannedEvent(event.topic(), event.customerId(), event.eventId(), true,
                    event.at()) : event);
        }
        stream.events.clear();
        stream.events.addAll(withRetries);
        return stream;
    }

    private void planCustomer(int index, ExpectedCustomer customer) {
        customers.put(customer.customerId, customer);
        // 0 to 3 book purchases, so some customers convert every home presentation and some none.
        int books = index % 4;
        for (int k = 0; k < PURCHASES; k++) {
            boolean withBook = k % 3 == 2 && k / 3 < books;
            purchase(customer, k, 20 + (index * 7 + k * 13) % 50, withBook);
        }
        if (index % 2 == 0) {
            refund(customer, 5);
        }
        for (int k = 0; k < PRODUCT_VIEWS; k++) {
            productView(customer, k);
        }
        for (int j = 0; j < customer.homeDecisions.size(); j++) {
            String decisionId = customer.homeDecisions.get(j);
            Set<String> outcomes = new LinkedHashSet<>();
            for (String outcome : List.of("impression", "click", (index + j) % 3 == 0 ? "accept" : "decline")) {
                response(customer, decisionId, outcome, outcome);
                outcomes.add(outcome);
            }
            if (j == 0) {
                // A second click on the same offer: the profile counts the event, the campaign the click once.
                response(customer, decisionId, "click", "click-again");
            }
            customer.outcomesByDecision.put(decisionId, outcomes);
        }
        // Nobody decided this: the profile keeps the response, caps, learning and the campaign ignore it.
        response(customer, "forged-" + runTag + "-" + index, "accept", "forged");
    }

    private void purchase(ExpectedCustomer customer, int k, int amount, boolean withBook) {
        String eventId = id(customer, "purchase-" + k);
        List<TransactionEvent.Item> items = withBook
                ? List.of(new TransactionEvent.Item("book-" + k, BOOKS, 1, BOOK_PRICE),
                new TransactionEvent.Item("misc-" + k, "misc", 1, amount - BOOK_PRICE))
                : List.of(new TransactionEvent.Item("misc-" + k, "misc", 1, (double) amount));
        customer.eventIds.add(eventId);
        customer.purchases++;
        customer.spent += amount;
        customer.bookPurchases += withBook ? 1 : 0;
        events.add(new PlannedEvent(Topics.TRANSACTIONS.name(), customer.customerId, eventId, false,
                now -> new TransactionEvent("purchase", eventId, customer.customerId, null, now, "web",
                        "o-" + eventId, amount, "EUR", items, null)));
    }

    private void refund(ExpectedCustomer customer, int amount) {
        String eventId = id(customer, "refund");
        customer.eventIds.add(eventId);
        customer.refunds++;
        customer.refunded += amount;
        events.add(new PlannedEvent(Topics.TRANSACTIONS.name(), customer.customerId, eventId, false,
                now -> new TransactionEvent("refund", eventId, customer.customerId, null, now, "web",
                        "o-" + id(customer, "purchase-0"), amount, "EUR", null, null)));
    }

    private void productView(ExpectedCustomer customer, int k) {
        String eventId = id(customer, "view-" + k);
        customer.eventIds.add(eventId);
        events.add(new PlannedEvent(Topics.CLICKSTREAM.name(), customer.customerId, eventId, false,
                now -> new ClickstreamEvent("product_view", eventId, customer.customerId, null, now, "web",
                        "/p/misc-" + k, "misc", "misc-" + k, null, null, null)));
    }

    private void response(ExpectedCustomer customer, String decisionId, String outcome, String label) {
        String eventId = id(customer, decisionId + "-" + label);
        customer.response(eventId, outcome);
        events.add(new PlannedEvent(Topics.OFFER_RESPONSES.name(), customer.customerId, eventId, false,
                now -> new OfferResponse("offer_response", eventId, decisionId, customer.customerId, null, HOME_OFFER,
                        HOME_CAMPAIGN, outcome, now, "web", null, null)));
    }

    private String id(ExpectedCustomer customer, String what) {
        return "ft-" + runTag + "-" + customer.customerId + "-" + what;
    }

    /** The home campaign's treatment totals once every response and purchase is in. */
    CampaignTotals homeCampaign() {
        CampaignTotals totals = CampaignTotals.NONE;
        for (ExpectedCustomer customer : customers.values()) {
            int presentations = customer.homeDecisions.size();
            int conversions = customer.conversions();
            totals = totals.plus(new CampaignTotals(presentations > 0 ? 1 : 0, presentations, presentations,
                    customer.accepts(), customer.declines(), conversions, conversions > 0 ? 1 : 0,
                    conversions * BOOK_PRICE));
        }
        return totals;
    }

    /** Sum over customers of the square of what each brought the home campaign (for its revenue interval). */
    double homeRevenueSquares() {
        return customers.values().stream().mapToDouble(c -> Math.pow(c.conversions() * BOOK_PRICE, 2)).sum();
    }
}
