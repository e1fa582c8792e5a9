package io.nbo.topology.identity;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.identity.ProfileMerger;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileLimits;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.InternalRecords;
import io.nbo.topology.StateSerdes;
import io.nbo.topology.TopologyConfig;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.deadletter.DeadLetters;
import io.nbo.topology.erasure.ErasureProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Runs in the customer's partition: folds the handed-over anonymous state into the customer's own. */
public final class MergeProcessor implements Processor<String, byte[], String, byte[]> {
    public static final String NAME = "identity-merger";
    /** Campaign totals corrected for a person the campaign had counted twice, as visitor and as customer. */
    public static final String CAMPAIGN_CORRECTIONS_SINK = "merge-campaign-corrections-sink";
    /** Erasure requests for visitors whose login reached an erased customer after the erasure. */
    public static final String ERASURE_SINK = "merge-erasure-sink";

    private final ProfileMerger merger;
    private final ActiveStores running;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, ContactHistory> histories;
    private KeyValueStore<String, Long> seenEvents;
    private KeyValueStore<String, String> aliases;
    private ProcessorContext<String, byte[]> context;

    public MergeProcessor(TopologyConfig config, ActiveStores running) {
        this.merger = new ProfileMerger(config.profileRules());
        this.running = running;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.profiles = context.getStateStore(ProfileProcessor.PROFILE_STORE);
        this.histories = context.getStateStore(ContactProcessor.STORE);
        this.seenEvents = context.getStateStore(ProfileProcessor.SEEN_EVENTS_STORE);
        this.aliases = context.getStateStore(StitchProcessor.ALIAS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        IdentityRecords.MergePayload payload = InternalRecords.read(IdentityRecords.MERGE, record, NAME,
                p -> p.anonymousId() != null && p.customerId() != null);
        if (payload == null) {
            return;
        }
        CrossedLogins.answered(aliases, payload.anonymousId(), payload.customerId());
        if (payload.refused()) {
            return;
        }
        Long erasedAt = running.erasedAt(payload.customerId());
        if (erasedAt != null && record.timestamp() <= erasedAt) {
            // The login came before the customer asked to be erased, its hand-over after the erasure: what the
            // visitor brings goes with the customer, and the visitor, linked to them by the login, is erased too.
            context.forward(new Record<>(payload.anonymousId(), ErasureProcessor.request(erasedAt),
                    record.timestamp(), ErasureProcessor.erasedFor(payload.customerId())), ERASURE_SINK);
            return;
        }
        if (payload.seenEventIds() != null) {
            payload.seenEventIds().forEach((eventId, firstSeen) ->
                    seenEvents.putIfAbsent(payload.customerId() + '|' + eventId, firstSeen));
        }
        CustomerProfile current = profiles.get(payload.customerId());
        // A hand-over applied twice must neither add the visitor's revenue to a shared exposure again nor correct
        // the campaign totals twice.
        boolean mergedBefore = current != null && current.stitchedIds().contains(payload.anonymousId());
        if (!mergedBefore && current != null && current.stitchedIds().size() >= ProfileLimits.MAX_STITCHED_IDS) {
            // Logins under ever new visitor ids (anyone with the public key can send them) would grow the customer's
            // list past what its changelog takes. The hand-over is set aside whole, and the visitor id, whose alias
            // already leads here, is let go, so that nothing is left linked to the customer without being listed.
            context.forward(DeadLetters.letter(record, "customer " + DeadLetters.quotedKey(payload.customerId())
                    + " already lists " + ProfileLimits.MAX_STITCHED_IDS + " visitor ids stitched to it, the most a"
                    + " profile keeps: the login of " + DeadLetters.quotedKey(payload.anonymousId()) + " is not merged,"
                    + " and that visitor id is let go", context.recordMetadata().orElse(null),
                    context.currentSystemTimeMs()), DeadLetters.SINK);
            context.forward(new Record<>(payload.anonymousId(), ErasureProcessor.request(record.timestamp()),
                    record.timestamp(), ErasureProcessor.erasedFor(payload.customerId())), ERASURE_SINK);
            return;
        }
        if (payload.history() != null && !mergedBefore) {
            ContactHistory known = histories.get(payload.customerId());
            ProfileMerger.MergedHistory merged = merger.merge(known == null ? ContactHistory.EMPTY : known,
                    payload.history(), record.timestamp());
            histories.put(payload.customerId(), merged.history());
            merged.campaignCorrections().forEach(update -> context.forward(new Record<>(update.campaignId(),
                    StateSerdes.CAMPAIGN_UPDATE.toBytes(update), record.timestamp()), CAMPAIGN_CORRECTIONS_SINK));
        }
        // The profile last: a decision that waits for a login watches it list the visitor, and must then find the
        // visitor's presentations in the history too.
        CustomerProfile merged = payload.profile() != null
                ? merger.merge(current, payload.profile(), payload.customerId())
                : merger.remember(current, payload.anonymousId(), payload.customerId());
        if (!merged.equals(current)) {
            profiles.put(payload.customerId(), merged);
        }
    }
}
