package io.nbo.service.state;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.offers.Offer;
import io.nbo.topology.offers.OfferCatalogueProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads profiles and the offer catalogue from this instance's Kafka Streams stores (interactive queries).
 * Store handles are looked up once and reused; they stay valid across rebalances, and a read during one
 * fails with {@link StateUnavailableException} rather than returning stale or partial data.
 */
public final class StateReader {
    private final KafkaStreams streams;
    private volatile ReadOnlyKeyValueStore<String, CustomerProfile> profiles;
    private volatile ReadOnlyKeyValueStore<String, Offer> catalogue;

    public StateReader(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<CustomerProfile> profile(String subjectId) {
        try {
            return Optional.ofNullable(profiles().get(subjectId));
        } catch (InvalidStateStoreException e) {
            throw new StateUnavailableException("customer profiles are not readable now: " + e.getMessage(), e);
        }
    }

    public List<Offer> offers() {
        List<Offer> offers = new ArrayList<>();
        try (KeyValueIterator<String, Offer> all = catalogue().all()) {
            all.forEachRemaining((KeyValue<String, Offer> entry) -> offers.add(entry.value));
        } catch (InvalidStateStoreException e) {
            throw new StateUnavailableException("the offer catalogue is not readable now: " + e.getMessage(), e);
        }
        return offers;
    }

    public Optional<Offer> offer(String offerId) {
        try {
            return Optional.ofNullable(catalogue().get(offerId));
        } catch (InvalidStateStoreException e) {
            throw new StateUnavailableException("the offer catalogue is not readable now: " + e.getMessage(), e);
        }
    }

    private ReadOnlyKeyValueStore<String, CustomerProfile> profiles() {
        ReadOnlyKeyValueStore<String, CustomerProfile> store = profiles;
        if (store == null) {
            store = streams.store(StoreQueryParameters.fromNameAndType(ProfileProcessor.PROFILE_STORE,
                    QueryableStoreTypes.keyValueStore()));
            profiles = store;
        }
        return store;
    }

    private ReadOnlyKeyValueStore<String, Offer> catalogue() {
        ReadOnlyKeyValueStore<String, Offer> store = catalogue;
        if (store == null) {
            store = streams.store(StoreQueryParameters.fromNameAndType(OfferCatalogueProcessor.STORE,
                    QueryableStoreTypes.keyValueStore()));
            catalogue = store;
        }
        return store;
    }
}
