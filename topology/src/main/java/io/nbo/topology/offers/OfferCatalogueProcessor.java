package io.nbo.topology.offers;

import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.OfferCodec;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every instance's copy of the catalogue in step with the compacted {@code offers} topic:
 * a value replaces the offer, a tombstone removes it. A global store cannot forward, so an unreadable
 * record is logged and skipped; the HTTP API validates offers before writing them, so these are rare.
 */
public final class OfferCatalogueProcessor implements Processor<String, byte[], Void, Void> {
    public static final String NAME = "offer-catalogue-updater";
    public static final String STORE = "offer-catalogue";
    private static final Logger LOG = LoggerFactory.getLogger(OfferCatalogueProcessor.class);

    private KeyValueStore<String, Offer> catalogue;

    public static StoreBuilder<KeyValueStore<String, Offer>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), OfferCodec.serde())
                .withLoggingDisabled();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.catalogue = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("Skipping an offer record without a key");
            return;
        }
        if (record.value() == null) {
            catalogue.delete(record.key());
            return;
        }
        try {
            Offer offer = OfferCodec.serde().fromBytes(record.value());
            if (!record.key().equals(offer.offerId())) {
                LOG.warn("Skipping offer record keyed {} whose offerId is {}", record.key(), offer.offerId());
                return;
            }
            catalogue.put(record.key(), offer);
        } catch (UncheckedIOException e) {
            LOG.warn("Skipping unreadable offer record {}: {}", record.key(), e.getCause().getMessage());
        }
    }
}
