package io.nbo.topology.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.OfferCodec;
import io.nbo.topology.ActiveStores;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class GlobalTableProcessorTest {
    @Test
    void shouldForgetStoredEntriesThatBreakTheirContractWhenItStarts() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        KeyValueStore<String, Offer> store = offerStore(context);
        // What a local copy may hold from before records were checked: it is not read from the topic again.
        store.put("kept", Offer.basic("kept", "k", "Kept", "books", List.of("web"), 5, 1));
        store.put("beyond", Offer.basic("beyond", "k", "Beyond", "books", List.of("web"), 2_000_000, 1));

        GlobalTableProcessor.OFFERS.processor(new ActiveStores()).get().init(context);

        assertThat(store.get("kept")).isNotNull();
        assertThat(store.get("beyond")).as("a value beyond the contract's maximum").isNull();
    }
    @Test
    void shouldSkipAnOfferWhoseTimesNoMillisecondCountHoldsAndApplyTheNext() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        KeyValueStore<String, Offer> store = offerStore(context);
        var processor = GlobalTableProcessor.OFFERS.processor(new ActiveStores()).get();
        processor.init(context);

        processor.process(new Record<>("far", offer("far", ",\"validFrom\":\"+999999999-12-31T23:59:59Z\""), 1L));
        processor.process(new Record<>("near", offer("near", ""), 2L));

        assertThat(store.get("far")).isNull();
        assertThat(store.get("near")).isNotNull();
    }

    private static byte[] offer(String id, String extra) {
        return ("{\"offerId\":\"" + id + "\",\"campaignId\":\"k\",\"name\":\"N\",\"channels\":[\"web\"],"
                + "\"value\":1,\"priority\":1" + extra + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static KeyValueStore<String, Offer> offerStore(MockProcessorContext<Void, Void> context) {
        KeyValueStore<String, Offer> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(GlobalTableProcessor.OFFER_STORE), Serdes.String(), OfferCodec.serde())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
