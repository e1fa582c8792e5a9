package io.nbo.load.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.validation.Decoded;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
    private final EventCodec codec = new EventCodec();
    private final EventFactory factory = new EventFactory(new Customers(10_000, 1.0), new SplittableRandom(5), "t1");

    @Test
    void shouldOnlyMakeEventsTheContractsAccept() {
        Set<String> types = new HashSet<>();
        Set<String> ids = new HashSet<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 500; i++) {
            CustomerEvent event = factory.nextShopperEvent(now);
            Decoded<CustomerEvent> decoded = codec.decode(factory.encode(event), null);
            assertThat(decoded.violations()).as("violations of %s", event).isEmpty();
            assertThat(event.customerId()).matches("lt-\\d+");
            types.add(event.eventType().wireName());
            ids.add(event.eventId());
        }
        assertThat(types).containsExactlyInAnyOrder("product_view", "add_to_cart", "purchase");
        assertThat(ids).as("event ids are unique, so de-duplication keeps them all").hasSize(500);
    }

    @Test
    void shouldWriteBatchesAsOneArrayAndSingleEventsAsAnObject() throws Exception {
        long now = System.currentTimeMillis();
        List<CustomerEvent> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(factory.nextShopperEvent(now));
        }

        JsonNode many = Json.mapper().readTree(factory.body(batch));
        JsonNode one = Json.mapper().readTree(factory.body(batch.subList(0, 1)));

        assertThat(many.isArray()).isTrue();
        assertThat(many).hasSize(50);
        for (JsonNode item : many) {
            assertThat(codec.decode(item, null).violations()).isEmpty();
        }
        assertThat(one.isObject()).isTrue();
        assertThat(one.path("eventId").asText()).isEqualTo(batch.get(0).eventId());
    }

    @Test
    void shouldMakeValidOfferResponsesAndClickstreamOnlyIngest() {
        long now = System.currentTimeMillis();
        CustomerEvent response = factory.response(factory.madeUpDecision(), now);
        Decoded<CustomerEvent> decoded = codec.decode(factory.encode(response), EventType.OFFER_RESPONSE);
        assertThat(decoded.violations()).isEmpty();

        for (int i = 0; i < 200; i++) {
            CustomerEvent click = factory.nextClick(now);
            assertThat(click.eventType().family().name()).isEqualTo("CLICKSTREAM");
            assertThat(codec.decode(factory.encode(click), null).violations()).isEmpty();
        }
    }

    @Test
    void shouldGiveEachCustomerAFavouriteCategory() {
        SplittableRandom random = new SplittableRandom(9);
        int favourite = 0;
        for (int i = 0; i < 1000; i++) {
            if (Customers.category(42, random).equals(Customers.CATEGORIES.get(42 % Customers.CATEGORIES.size()))) {
                favourite++;
            }
        }
        // 70% favourite plus its 1-in-7 share of the other 30%.
        assertThat(favourite).isBetween(700, 820);
    }
}
