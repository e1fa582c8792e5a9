package io.nbo.topology.contact;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.offers.Offer;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.StateSerdes;
import io.nbo.topology.TopologyConfig;
import io.nbo.topology.identity.Rerouting;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.offers.GlobalTableProcessor;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps each customer's contact history (what was shown, held back, accepted, declined, converted) in the
 * partition that also holds the profile, and sends what it learns on, re-keyed: evidence by offer to
 * {@code model-updates}, counter changes by campaign to {@code campaign-updates}, and each decision under the
 * customer's pseudonym to {@code decision-log}. Evidence and counter changes are summed per key and sent every
 * {@link #FLUSH_INTERVAL}: every decision changes a few hot keys, and a record per change was most of what
 * the stream thread, its producer and the broker did per decision.
 */
public final class ContactProcessor implements Processor<String, TrackedInput, String, byte[]> {
    public static final String NAME = "contact-tracker";
    public static final String STORE = "contact-history";
    public static final String MODEL_UPDATES_SINK = "model-updates-sink";
    public static final String CAMPAIGN_UPDATES_SINK = "campaign-updates-sink";
    public static final String DECISION_LOG_SINK = "decision-log-sink";
    /** Decisions made for a visitor whose login moved them to a customer meanwhile go on to that customer. */
    public static final String DECISION_REROUTE_SINK = "decision-reroute-sink";
    /** Customer id → the random pseudonym that stands for the customer in the decision log. */
    public static final String PSEUDONYM_STORE = "decision-log-pseudonyms";
    /** Evidence and counter changes summed since the last flush. */
    public static final String PENDING_STORE = "pending-learning";
    public static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

    private final ContactTracker tracker;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ContactHistory> histories;
    private KeyValueStore<String, Offer> catalogue;
    private KeyValueStore<String, String> pseudonyms;
    private KeyValueStore<String, String> aliases;
    private PendingUpdates<LearningUpdate> pendingLearning;
    private PendingUpdates<CampaignUpdate> pendingCampaigns;
    private final ActiveStores running;
    private ActiveStores.Publication published;

    public ContactProcessor(TopologyConfig config, ActiveStores running) {
        this.tracker = new ContactTracker(config.attributionWindow().toMillis());
        this.running = running;
    }

    public static StoreBuilder<KeyValueStore<String, ContactHistory>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                StateSerdes.CONTACT_HISTORY);
    }

    public static StoreBuilder<KeyValueStore<String, String>> pseudonymStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PSEUDONYM_STORE), Serdes.String(),
                Serdes.String());
    }

    public static StoreBuilder<KeyValueStore<String, byte[]>> pendingStore() {
        // In memory, restored from its changelog; the cache turns many changes of a sum into one changelog write.
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.histories = context.getStateStore(STORE);
        this.catalogue = context.getStateStore(GlobalTableProcessor.OFFER_STORE);
        this.pseudonyms = context.getStateStore(PSEUDONYM_STORE);
        this.aliases = context.getStateStore(StitchProcessor.ALIAS_STORE);
        KeyValueStore<String, byte[]> pending = context.getStateStore(PENDING_STORE);
        this.pendingLearning = new PendingUpdates<>(pending, "learning\n", StateSerdes.LEARNING_UPDATE,
                LearningUpdate::plus);
        this.pendingCampaigns = new PendingUpdates<>(pending, "campaign\n", StateSerdes.CAMPAIGN_UPDATE,
                CampaignUpdate::plus);
        context.schedule(FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::flush);
        this.published = running.publish(context, STORE);
    }

    @Override
    public void close() {
        published.withdraw();
    }

    @Override
    public void process(Record<String, TrackedInput> record) {
        if (record.value() instanceof TrackedInput.Decision decision
                && (erasedSince(record.key(), decision.decision()) || movedOn(record, decision.decision()))) {
            return;
        }
        ContactHistory history = histories.get(record.key());
        history = history == null ? ContactHistory.EMPTY : history;
        ContactTracker.Result result;
        if (record.value() instanceof TrackedInput.Decision decision) {
            result = tracker.onDecision(history, decision.decision());
            logPseudonymously(record, decision.decision());
        } else if (((TrackedInput.Event) record.value()).event() instanceof OfferResponse response) {
            result = tracker.onResponse(history, response, context.currentSystemTimeMs());
        } else {
            TransactionEvent transaction = (TransactionEvent) ((TrackedInput.Event) record.value()).event();
            result = transaction.eventType() == EventType.REFUND ? tracker.onRefund(history, transaction)
                    : tracker.onPurchase(history, transaction, catalogue::get, context.currentSystemTimeMs());
        }
        if (!result.history().equals(history)) {
            histories.put(record.key(), result.history());
            StateSerdes.CONTACT_HISTORY.forget(history);
            if (record.value() instanceof TrackedInput.Decision) {
                // An event's change is told once its profile is written too (ProfileProcessor).
                running.changed(record.key());
            }
        }
        forwardLearning(result);
    }

    /** A decision made before its customer's erasure was asked for, arriving after it: it must not bring them back. */
    private boolean erasedSince(String subject, DecisionRecord decision) {
        Long erasedAt = running.erasedAt(subject);
        return erasedAt != null && decision.decidedAt() <= erasedAt;
    }

    /**
     * A decision made for a visitor just before a login handed the visitor's history to a customer (it was still on
     * its way here): it belongs to that customer's history, or the customer's caps would miss it.
     */
    private boolean movedOn(Record<String, TrackedInput> record, DecisionRecord decision) {
        String owner = aliases.get(record.key());
        if (owner == null || owner.equals(record.key()) || Rerouting.cameThrough(record.headers(), owner, true)) {
            // Ids leading round to each other (state left by a version without CrossedLogins): it stays here.
            return false;
        }
        context.forward(new Record<>(owner, StateSerdes.DECISION.toBytes(decision.withSubject(owner)),
                record.timestamp(), Rerouting.sentOnFrom(record.headers(), record.key(), true)), DECISION_REROUTE_SINK);
        return true;
    }

    private void forwardLearning(ContactTracker.Result result) {
        long now = context.currentSystemTimeMs();
        for (LearningUpdate update : result.learning()) {
            LearningUpdate dated = update.notAfter(now);
            pendingLearning.add(dated.summingKey(), dated);
        }
        for (CampaignUpdate update : result.campaigns()) {
            CampaignUpdate dated = update.notAfter(now);
            pendingCampaigns.add(dated.summingKey(), dated);
        }
    }

    private void flush(long now) {
        pendingLearning.drain(LearningUpdate::at, update -> context.forward(new Record<>(update.offerId(),
                StateSerdes.LEARNING_UPDATE.toBytes(update), now), MODEL_UPDATES_SINK));
        pendingCampaigns.drain(CampaignUpdate::at, update -> context.forward(new Record<>(update.campaignId(),
                StateSerdes.CAMPAIGN_UPDATE.toBytes(update), now), CAMPAIGN_UPDATES_SINK));
    }

    private void logPseudonymously(Record<String, TrackedInput> record, DecisionRecord decision) {
        String pseudonym = pseudonyms.get(record.key());
        if (pseudonym == null) {
            // Random, not derived from the id: once the link is deleted nothing can recompute it.
            pseudonym = "pseudonym-" + UUID.randomUUID();
            pseudonyms.put(record.key(), pseudonym);
        }
        context.forward(new Record<>(pseudonym, StateSerdes.DECISION_LOG.toBytes(decision.withSubject(pseudonym)),
                record.timestamp()), DECISION_LOG_SINK);
    }
}
