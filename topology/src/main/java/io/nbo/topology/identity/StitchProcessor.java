package io.nbo.topology.identity;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.topology.InternalRecords;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.deadletter.DeadLetters;
import io.nbo.topology.profile.ProfileProcessor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Runs in the anonymous id's partition: records that the id now belongs to a customer, and hands the
 * anonymous profile and contact history over (removing them here, in the same transaction, so nothing is
 * counted twice). Later events for the anonymous id are re-routed to the customer by the profile updater.
 */
public final class StitchProcessor implements Processor<String, byte[], String, byte[]> {
    public static final String NAME = "identity-stitcher";
    public static final String ALIAS_STORE = "identity-aliases";
    public static final String MERGE_SINK = "identity-merge-sink";
    /** Ids stitched to the id being stitched now follow it to its new customer. */
    public static final String RESTITCH_SINK = "identity-restitch-sink";
    static final int SEEN_IDS_HANDED_OVER = 4_000;
    /** Ids hold no '|': these keys beside the aliases cannot be anyone's alias. */
    private static final String KNOWN_MARK = "known|";
    private static final String CLAIMED_MARK = "claimed|";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StitchProcessor.class);

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, String> aliases;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, ContactHistory> histories;
    private KeyValueStore<String, Long> seenEvents;

    public static StoreBuilder<KeyValueStore<String, String>> aliasStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALIAS_STORE), Serdes.String(),
                Serdes.String());
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.aliases = context.getStateStore(ALIAS_STORE);
        this.profiles = context.getStateStore(ProfileProcessor.PROFILE_STORE);
        this.histories = context.getStateStore(ContactProcessor.STORE);
        this.seenEvents = context.getStateStore(ProfileProcessor.SEEN_EVENTS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        IdentityRecords.StitchRequest request = InternalRecords.read(IdentityRecords.STITCH, record, NAME,
                r -> r.anonymousId() != null && r.customerId() != null);
        if (request == null) {
            return;
        }
        if (request.follows() != null && !request.follows().equals(aliases.get(request.anonymousId()))) {
            // Since it was stitched to the id being stitched on, this id logged in as someone else: it stays theirs.
            return;
        }
        CustomerProfile profile = profiles.get(request.anonymousId());
        if (profile != null && profile.stitchedIds().contains(request.customerId())) {
            // The customer is itself stitched to this id (a login raced the one that stitched it): stitching
            // back would make the two ids point at each other and leave neither profile reachable.
            LOG.warn("not stitching {} to {}: {} is already stitched to {}", request.anonymousId(),
                    request.customerId(), request.customerId(), request.anonymousId());
            refuse(record, request, null);
            return;
        }
        // A customer's own id stays known after its profile moved (merged into another): a public key may not take
        // it over then either.
        boolean known = profile != null ? profile.known() : aliases.get(KNOWN_MARK + request.anonymousId()) != null;
        if (known && request.publicKey()) {
            refuse(record, request, "login " + request.stitchId() + " of "
                    + DeadLetters.quotedKey(request.customerId()) + " names the known customer "
                    + DeadLetters.quotedKey(request.anonymousId()) + " as its anonymousId: a login sent with a site key"
                    + " stitches only anonymous visitors, and the customer's profile stays where it is (merge two"
                    + " customers with an agent or admin key, or on the topic)");
            return;
        }
        java.util.Optional<String> crossed = request.follows() != null ? java.util.Optional.empty()
                : CrossedLogins.earlierCrossing(aliases, request);
        if (crossed.isPresent()) {
            refuse(record, request, crossed.get());
            return;
        }
        String previous = aliases.get(request.anonymousId());
        aliases.put(request.anonymousId(), request.customerId());
        mark(KNOWN_MARK + request.anonymousId(), known);
        // An id a public key stitched before anything was heard of it may be some customer's own, guessed: it stays
        // claimed until an event names it as a customer (ProfileProcessor frees it then) or it has a visitor's state.
        mark(CLAIMED_MARK + request.anonymousId(), request.publicKey() && profile == null
                && (previous == null || aliases.get(CLAIMED_MARK + request.anonymousId()) != null));
        ContactHistory history = histories.get(request.anonymousId());
        if (profile != null) {
            profiles.delete(request.anonymousId());
        }
        if (history != null) {
            histories.delete(request.anonymousId());
        }
        if (profile != null) {
            // The id had ids stitched to it (a customer's id used as an anonymous one): they follow it, since an
            // alias is followed one step only and would otherwise lead to the profile just handed over.
            for (String stitched : profile.stitchedIds()) {
                if (!stitched.equals(request.customerId())) {
                    IdentityRecords.StitchRequest follow = new IdentityRecords.StitchRequest(stitched,
                            request.customerId(), request.stitchId(), request.at(), request.anonymousId(), false);
                    context.forward(new Record<>(stitched, IdentityRecords.STITCH.toBytes(follow),
                            record.timestamp()), RESTITCH_SINK);
                }
            }
        }
        // Sent even with nothing to hand over: the customer must list every id stitched to them, or erasing
        // the customer would leave this alias (and the visitor's decision-log pseudonym) behind.
        IdentityRecords.MergePayload payload = new IdentityRecords.MergePayload(request.anonymousId(),
                request.customerId(), profile, history, seenEventIds(request.anonymousId()));
        context.forward(new Record<>(request.customerId(), IdentityRecords.MERGE.toBytes(payload),
                record.timestamp()), MERGE_SINK);
    }

    /** Sets the login aside with {@code reason} (none: a log line said it), and answers the customer's note. */
    private void refuse(Record<String, byte[]> record, IdentityRecords.StitchRequest request, String reason) {
        if (reason != null) {
            context.forward(DeadLetters.letter(record, reason, context.recordMetadata().orElse(null),
                    context.currentSystemTimeMs()), DeadLetters.SINK);
        }
        if (request.follows() == null) {
            context.forward(new Record<>(request.customerId(),
                    IdentityRecords.MERGE.toBytes(IdentityRecords.MergePayload.refusal(request)), record.timestamp()),
                    MERGE_SINK);
        }
    }

    private void mark(String key, boolean set) {
        if (set) {
            aliases.put(key, "1");
        } else {
            aliases.delete(key);
        }
    }

    /** Whether {@code id}'s alias was a public key's claim on an id never heard of, not yet confirmed. */
    public static boolean claimed(ReadOnlyKeyValueStore<String, String> aliases,
                                  String id) {
        return aliases.get(CLAIMED_MARK + id) != null;
    }

    /** Frees {@code id} from its alias and forgets what was marked about it (an erasure, a claim the id's owner ended). */
    public static void forget(KeyValueStore<String, String> aliases, String id) {
        aliases.delete(id);
        aliases.delete(KNOWN_MARK + id);
        aliases.delete(CLAIMED_MARK + id);
    }

    /**
     * The visitor's event ids still in the de-duplication window (at most {@link #SEEN_IDS_HANDED_OVER}, which keeps
     * the hand-over record well under a megabyte): a site that retries them under the customer's id after the
     * login must not count them twice.
     */
    private java.util.Map<String, Long> seenEventIds(String anonymousId) {
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        String prefix = anonymousId + '|';
        try (KeyValueIterator<String, Long> seen = seenEvents.prefixScan(prefix, Serdes.String().serializer())) {
            while (seen.hasNext() && ids.size() < SEEN_IDS_HANDED_OVER) {
                KeyValue<String, Long> entry = seen.next();
                ids.put(entry.key.substring(prefix.length()), entry.value);
            }
        }
        return ids;
    }
}
