package io.nbo.topology.offers;

import static io.nbo.topology.deadletter.DeadLetters.printable;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.campaigns.CampaignCodec;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.json.JsonSerde;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.OfferCodec;
import io.nbo.schemas.validation.Decoded;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.StateSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store (a full copy on every instance) in step with a compacted topic: a value replaces the
 * entry, a tombstone removes it. A global store cannot forward, so an unreadable record, or one whose key is
 * not the id inside it, is logged and skipped. Offers and campaigns are checked against their contracts like the
 * API's writes, since other producers may write those topics: one offer with a rule no decision can evaluate
 * would otherwise fail every decision.
 */
public final class GlobalTableProcessor<T> implements Processor<String, byte[], Void, Void> {
    public static final String OFFER_STORE = "offer-catalogue";
    public static final String CAMPAIGN_STORE = "campaign-catalogue";
    public static final String MODEL_STORE = "offer-models-global";
    public static final String CAMPAIGN_STATS_STORE = "campaign-stats-global";
    private static final Logger LOG = LoggerFactory.getLogger(GlobalTableProcessor.class);

    /**
     * One global table: its store, how values are read, the id each value must carry, and whether writers ask
     * if their write created its key (the catalogue's 201 or 200).
     */
    public record Table<T>(String store, JsonSerde<T> serde, Function<T, String> idOf, boolean tellsCreation,
                           Function<JsonNode, Decoded<T>> contract) {
        public StoreBuilder<KeyValueStore<String, T>> storeBuilder() {
            return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), serde)
                    .withLoggingDisabled();
        }

        public ProcessorSupplier<String, byte[], Void, Void> processor(ActiveStores running) {
            return () -> new GlobalTableProcessor<>(this, running);
        }
    }

    public static final Table<Offer> OFFERS = new Table<>(OFFER_STORE, OfferCodec.serde(), Offer::offerId, true,
            new OfferCodec()::decode);
    public static final Table<Campaign> CAMPAIGNS = new Table<>(CAMPAIGN_STORE, CampaignCodec.serde(),
            Campaign::campaignId, true, new CampaignCodec()::decode);
    public static final Table<OfferModel> MODELS = new Table<>(MODEL_STORE, StateSerdes.OFFER_MODEL,
            OfferModel::offerId, false, null);
    public static final Table<CampaignStats> CAMPAIGN_STATS = new Table<>(CAMPAIGN_STATS_STORE,
            StateSerdes.CAMPAIGN_STATS, CampaignStats::campaignId, false, null);

    private final Table<T> table;
    private final ActiveStores running;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, T> store;

    private GlobalTableProcessor(Table<T> table, ActiveStores running) {
        this.table = table;
        this.running = running;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(table.store());
        forgetWhatBreaksTheContract();
    }

    /**
     * A local copy kept across a restart is not read from the topic again, so entries stored before records
     * were checked would stay: every instance must decide from the same valid catalogue.
     */
    private void forgetWhatBreaksTheContract() {
        if (table.contract() == null) {
            return;
        }
        List<String> invalid = new ArrayList<>();
        try (KeyValueIterator<String, T> entries = store.all()) {
            entries.forEachRemaining(entry -> {
                Decoded<T> checked = table.contract().apply(Json.mapper().valueToTree(entry.value));
                if (!checked.ok()) {
                    LOG.warn("Forgetting stored {} entry {} that breaks its contract: {}", table.store(),
                            printable(entry.key), printable(checked.reason()));
                    invalid.add(entry.key);
                }
            });
        }
        invalid.forEach(store::delete);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        apply(record);
        context.recordMetadata().ifPresent(at -> running.globalApplied(at.topic(), at.partition(), at.offset()));
    }

    private void apply(Record<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("Skipping a record without a key for {}", table.store());
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        T value;
        try {
            value = read(record);
        } catch (UncheckedIOException e) {
            LOG.warn("Skipping unreadable {} record {}: {}", table.store(), printable(record.key()),
                    printable(String.valueOf(e.getCause().getMessage())));
            return;
        } catch (RuntimeException e) {
            // A global store has no dead letters and a failure here stops every instance's global thread, on every
            // restart, for as long as the compacted topic keeps the record: skip what cannot be read, whatever the cause.
            LOG.warn("Skipping {} record {} that could not be read", table.store(), printable(record.key()), e);
            return;
        }
        if (value == null) {
            return;
        }
        String id = table.idOf().apply(value);
        if (!record.key().equals(id)) {
            LOG.warn("Skipping {} record keyed {} whose id is {}", table.store(), printable(record.key()),
                    printable(String.valueOf(id)));
            return;
        }
        if (table.tellsCreation() && store.get(record.key()) == null) {
            context.recordMetadata().ifPresent(at -> running.globalCreated(at.topic(), at.partition(), at.offset()));
        }
        store.put(record.key(), value);
    }

    /** The record's value, or null (logged) when it breaks its contract. */
    private T read(Record<String, byte[]> record) {
        if (table.contract() == null) {
            return table.serde().fromBytes(record.value());
        }
        JsonNode node;
        try {
            node = Json.untrustedReader().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Decoded<T> decoded = table.contract().apply(node);
        if (!decoded.ok()) {
            LOG.warn("Skipping {} record {} that breaks its contract: {}", table.store(), printable(record.key()),
                    printable(decoded.reason()));
            return null;
        }
        return decoded.value();
    }
}
