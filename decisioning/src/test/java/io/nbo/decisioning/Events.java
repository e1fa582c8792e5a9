package io.nbo.decisioning;

import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerUpdate;
import io.nbo.schemas.events.FeedbackEvent;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Small factories for valid events in tests. */
public final class Events {
    public static final long DAY = 24L * 60 * 60 * 1000;
    public static final long T0 = 1_795_000_000_000L;
    private static final AtomicInteger IDS = new AtomicInteger();

    private Events() {
    }

    public static ClickstreamEvent view(String customer, String category, long at) {
        return new ClickstreamEvent("page_view", id(), customer, null, at, "web", "/" + category, category, null,
                null, null, null);
    }

    public static ClickstreamEvent cart(String customer, String category, long at) {
        return new ClickstreamEvent("add_to_cart", id(), customer, null, at, "web", null, category, "p-1", null,
                10.0, null);
    }

    public static TransactionEvent purchase(String customer, double amount, String category, long at) {
        return new TransactionEvent("purchase", id(), customer, null, at, "store", "o-" + id(), amount, "EUR",
                List.of(new TransactionEvent.Item("p-1", category, 1, amount)), null);
    }

    public static TransactionEvent refund(String customer, double amount, String category, long at) {
        return new TransactionEvent("refund", id(), customer, null, at, "store", null, amount, "EUR",
                List.of(new TransactionEvent.Item("p-1", category, 1, amount)), null);
    }

    public static OfferResponse response(String customer, String offerId, String outcome, long at) {
        return new OfferResponse("offer_response", id(), "d-1", customer, null, offerId, "camp", outcome, at, "web",
                null, null);
    }

    public static FeedbackEvent nps(String customer, int score, long at) {
        return new FeedbackEvent("nps", id(), customer, null, at, "email", score, null, null, null, null, null, null);
    }

    public static FeedbackEvent complaint(String customer, long at) {
        return new FeedbackEvent("complaint", id(), customer, null, at, "call-centre", null, null, "broken", null,
                null, null, null);
    }

    public static CustomerUpdate consents(String customer, Map<String, Boolean> consents, long at) {
        return new CustomerUpdate("consent_update", id(), customer, null, at, null, consents, null, null);
    }

    public static CustomerUpdate attributes(String customer, Map<String, Object> attributes, long at) {
        return new CustomerUpdate("attribute_update", id(), customer, null, at, null, null, attributes, null);
    }

    public static Offer offer(String id, String category, double value, double priority, String... channels) {
        return Offer.basic(id, "camp-" + id, "Offer " + id, category, List.of(channels), value, priority);
    }

    private static String id() {
        return "ev-" + IDS.incrementAndGet();
    }
}
