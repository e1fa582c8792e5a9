package io.nbo.topology.identity;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.identity.ProfileMerger;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.topology.InternalRecords;
import io.nbo.topology.TopologyConfig;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Runs in the customer's partition: folds the handed-over anonymous state into the customer's own. */
public final class MergeProcessor implements Processor<String, byte[], Void, Void> {
    public static final String NAME = "identity-merger";

    private final ProfileMerger merger;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, ContactHistory> histories;
    private KeyValueStore<String, Long> seenEvents;

    public MergeProcessor(TopologyConfig config) {
        this.merger = new ProfileMerger(config.profileRules());
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.profiles = context.getStateStore(ProfileProcessor.PROFILE_STORE);
        this.histories = context.getStateStore(ContactProcessor.STORE);
        this.seenEvents = context.getStateStore(ProfileProcessor.SEEN_EVENTS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        IdentityRecords.MergePayload payload = InternalRecords.read(IdentityRecords.MERGE, record, NAME);
        if (payload == null) {
            return;
        }
        if (payload.seenEventIds() != null) {
            payload.seenEventIds().forEach((eventId, firstSeen) ->
                    seenEvents.putIfAbsent(payload.customerId() + '|' + eventId, firstSeen));
        }
        if (payload.history() != null) {
            ContactHistory known = histories.get(payload.customerId());
            histories.put(payload.customerId(), merger.merge(known == null ? ContactHistory.EMPTY : known,
                    payload.history()));
        }
        // The profile last: a decision that waits for a login watches it list the visitor, and must then find the
        // visitor's presentations in the history too.
        CustomerProfile current = profiles.get(payload.customerId());
        CustomerProfile merged = payload.profile() != null
                ? merger.merge(current, payload.profile(), payload.customerId())
                : merger.remember(current, payload.anonymousId(), payload.customerId());
        if (!merged.equals(current)) {
            profiles.put(payload.customerId(), merged);
        }
    }
}
