package io.nbo.load.traffic;

import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Builds events that the v1 contracts accept (the typed records from {@code schemas}, written with
 * {@link EventCodec}), with event ids unique to this run so the service's de-duplication never drops them.
 * Each stream uses its own factory or calls it from one thread: the random generator is not shared.
 */
public final class EventFactory {
    private final Customers customers;
    private final RandomGenerator random;
    private final String runTag;
    private final EventCodec codec = new EventCodec();
    private final AtomicLong sequence = new AtomicLong();

    public EventFactory(Customers customers, RandomGenerator random, String runTag) {
        this.customers = customers;
        this.random = random;
        this.runTag = runTag;
    }

    /** 70% product views, 20% add-to-cart, 10% purchases, for a Zipf-drawn customer. */
    public CustomerEvent nextShopperEvent(long nowMillis) {
        int customer = customers.next(random);
        String customerId = Customers.id(customer);
        String category = Customers.category(customer, random);
        String productId = "p-" + category + "-" + random.nextInt(50);
        double roll = random.nextDouble();
        if (roll < 0.7) {
            return productView(customerId, category, productId, nowMillis);
        }
        double price = Math.round(5 + random.nextDouble() * 195) * 1.0;
        if (roll < 0.9) {
            return new ClickstreamEvent("add_to_cart", nextEventId(), customerId, null, nowMillis, "web",
                    "/p/" + productId, category, productId, null, price, null);
        }
        return new TransactionEvent("purchase", nextEventId(), customerId, null, nowMillis, "web",
                "o-" + runTag + "-" + sequence.get(), price, "EUR",
                List.of(new TransactionEvent.Item(productId, category, 1, price)), null);
    }

    /** Clickstream only (80% views, 20% add-to-cart): what the ingest baseline writes to one topic. */
    public ClickstreamEvent nextClick(long nowMillis) {
        int customer = customers.next(random);
        String category = Customers.category(customer, random);
        String productId = "p-" + category + "-" + random.nextInt(50);
        if (random.nextDouble() < 0.8) {
            return productView(Customers.id(customer), category, productId, nowMillis);
        }
        return new ClickstreamEvent("add_to_cart", nextEventId(), Customers.id(customer), null, nowMillis, "web",
                "/p/" + productId, category, productId, null, Math.round(5 + random.nextDouble() * 195) * 1.0,
                null);
    }

    /** A product view by the customer at {@code index}: one per customer gives the whole population state. */
    public ClickstreamEvent clickFor(int index, long nowMillis) {
        String category = Customers.category(index, random);
        return productView(Customers.id(index), category, "p-" + category + "-" + random.nextInt(50), nowMillis);
    }

    public ClickstreamEvent productView(String customerId, String category, String productId, long nowMillis) {
        return new ClickstreamEvent("product_view", nextEventId(), customerId, null, nowMillis, "web",
                "/p/" + productId, category, productId, null, null, null);
    }

    /** A response to a decision the service made, or to a made-up one when none has been seen yet. */
    public OfferResponse response(RecentDecisions.Decision decision, long nowMillis) {
        double roll = random.nextDouble();
        String outcome = roll < 0.7 ? "impression" : roll < 0.9 ? "click" : roll < 0.97 ? "accept" : "decline";
        return new OfferResponse("offer_response", nextEventId(), decision.decisionId(), decision.customerId(), null,
                decision.offerId(), decision.campaignId(), outcome, nowMillis, "web", null, null);
    }

    public RecentDecisions.Decision madeUpDecision() {
        int customer = customers.next(random);
        return new RecentDecisions.Decision("lt-d-" + runTag + "-" + sequence.incrementAndGet(),
                Customers.id(customer), "books-3for2", "reading-month");
    }

    public byte[] encode(CustomerEvent event) {
        return codec.encode(event);
    }

    /** One event as a JSON object, or several as a JSON array: both are what {@code POST /v1/events} takes. */
    public byte[] body(List<? extends CustomerEvent> events) {
        if (events.size() == 1) {
            return encode(events.get(0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 256);
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(encode(events.get(i)));
        }
        out.write(']');
        return out.toByteArray();
    }

    private String nextEventId() {
        return "lt-" + runTag + "-" + sequence.incrementAndGet();
    }
}
