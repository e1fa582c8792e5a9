package io.nbo.service.demo;

import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.service.kafka.EventPublisher;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Synthetic shoppers for the demo: each of {@link #CUSTOMERS} customers leans towards one category and
 * browses, fills carts and sometimes buys, so profiles and decisions visibly move while you watch.
 */
public final class DemoTraffic implements AutoCloseable {
    static final int CUSTOMERS = 200;
    private static final List<String> CATEGORIES = List.of("outdoor", "books", "garden", "electronics", "kitchen",
            "toys", "fashion");
    private static final List<String> CHANNELS = List.of("web", "web", "web", "app", "app", "call-centre");

    private final EventPublisher publisher;
    private final Random random = new Random(42);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-traffic");
        thread.setDaemon(true);
        return thread;
    });

    public DemoTraffic(EventPublisher publisher, int eventsPerSecond) {
        this.publisher = publisher;
        long periodMicros = Math.max(1, 1_000_000L / eventsPerSecond);
        scheduler.scheduleAtFixedRate(this::emit, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void emit() {
        publisher.publish(next(System.currentTimeMillis()));
    }

    CustomerEvent next(long now) {
        int customer = random.nextInt(CUSTOMERS);
        String customerId = "demo-" + customer;
        String category = random.nextDouble() < 0.7 ? CATEGORIES.get(customer % CATEGORIES.size())
                : CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        String eventId = UUID.randomUUID().toString();
        double roll = random.nextDouble();
        if (roll < 0.05) {
            double amount = Math.round(10 + random.nextDouble() * 190) * 1.0;
            return new TransactionEvent("purchase", eventId, customerId, null, now, channel, "o-" + eventId,
                    amount, "EUR", List.of(new TransactionEvent.Item("p-" + category, category, 1, amount)), null);
        }
        String type = roll < 0.15 ? "add_to_cart" : roll < 0.55 ? "product_view" : "page_view";
        return new ClickstreamEvent(type, eventId, customerId, null, now, channel, "/" + category, category,
                type.equals("page_view") ? null : "p-" + category, null, null, null);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
