package io.nbo.service.demo;

import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.TransactionEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.json.Json;
import io.nbo.service.kafka.EventPublisher;
import java.io.IOException;
import java.net.URI;
import io.nbo.service.access.Access;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Synthetic shoppers for the demo: each of {@link #CUSTOMERS} customers leans towards one category and
 * browses, fills carts and sometimes buys; one visit in four also asks the service for offers over HTTP
 * and answers them (accepting offers in the favourite category far more often, then buying), so profiles,
 * learning and the campaign dashboard visibly move while you watch.
 */
public final class DemoTraffic implements AutoCloseable {
    static final int CUSTOMERS = 200;
    private static final List<String> CATEGORIES = List.of("outdoor", "books", "garden", "electronics", "kitchen",
            "toys", "fashion");
    private static final List<String> CHANNELS = List.of("web", "web", "web", "app", "app");
    /**
     * Every event on the call-centre channel is a call, and three make a customer's service need high: shoppers
     * browse on the web and in the app, and call now and then to order, so that some are of high need, most not.
     */
    private static final double ORDERS_BY_PHONE = 0.2;

    private final EventPublisher publisher;
    private final String baseUrl;
    private final String siteKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Random random = new Random(42);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-traffic");
        thread.setDaemon(true);
        return thread;
    });

    public DemoTraffic(EventPublisher publisher, String baseUrl, String siteKey, int eventsPerSecond) {
        this.publisher = publisher;
        this.baseUrl = baseUrl;
        this.siteKey = siteKey;
        long periodMicros = Math.max(1, 1_000_000L / eventsPerSecond);
        scheduler.scheduleAtFixedRate(this::emit, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void emit() {
        CustomerEvent event = next(System.currentTimeMillis());
        publisher.publish(event);
        if (random.nextInt(4) == 0 && inFlight.get() < 20) {
            askForOffers(event.customerId(), favourite(event.customerId()));
        }
    }

    private String favourite(String customerId) {
        return CATEGORIES.get(Integer.parseInt(customerId.substring("demo-".length())) % CATEGORIES.size());
    }

    private void askForOffers(String customerId, String favourite) {
        inFlight.incrementAndGet();
        http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/customers/" + customerId
                        + "/offers?channel=web&placement=home&limit=1")).header(Access.KEY_HEADER, siteKey)
                        .timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString())
                .thenAccept(reply -> respond(customerId, favourite, reply.body()))
                .whenComplete((ignored, error) -> inFlight.decrementAndGet());
    }

    private void respond(String customerId, String favourite, String body) {
        try {
            JsonNode decision = Json.mapper().readTree(body);
            JsonNode offer = decision.path("offers").path(0);
            if (offer.isMissingNode()) {
                return;
            }
            String offerId = offer.get("offerId").asText();
            boolean liked = offer.path("reasons").toString().contains("Interest in " + favourite);
            boolean accepted = random.nextDouble() < (liked ? 0.3 : 0.03);
            String response = """
                    {"decisionId":"%s","customerId":"%s","offerId":"%s","campaignId":"%s","outcome":"%s","timestamp":%d}"""
                    .formatted(decision.get("decisionId").asText(), customerId, offerId, offer.get("campaignId").asText(),
                            accepted ? "accept" : "decline", System.currentTimeMillis());
            http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/responses"))
                    .header("Content-Type", "application/json").header(Access.KEY_HEADER, siteKey)
                    .timeout(Duration.ofSeconds(2))
                    .POST(HttpRequest.BodyPublishers.ofString(response)).build(), HttpResponse.BodyHandlers.discarding());
            if (accepted) {
                double amount = 20 + random.nextInt(180);
                publisher.publish(new TransactionEvent("purchase", UUID.randomUUID().toString(), customerId, null,
                        System.currentTimeMillis(), "web", null, amount, "EUR",
                        List.of(new TransactionEvent.Item("p-" + favourite, favourite, 1, amount)), null));
            }
        } catch (IOException e) {
            // A demo visit that could not be read is simply skipped; the next one follows shortly.
        }
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
            String ordered = random.nextDouble() < ORDERS_BY_PHONE ? "call-centre" : channel;
            return new TransactionEvent("purchase", eventId, customerId, null, now, ordered, "o-" + eventId,
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
