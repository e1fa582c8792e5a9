package io.nbo.topology.profile;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileLimits;
import io.nbo.decisioning.profile.ProfileUpdater;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.events.EventFamily;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.topics.Topics;
import io.nbo.schemas.validation.Decoded;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.TopologyConfig;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.contact.TrackedInput;
import io.nbo.topology.deadletter.DeadLetters;
import io.nbo.topology.identity.CrossedLogins;
import io.nbo.topology.identity.IdentityRecords;
import io.nbo.topology.identity.Rerouting;
import io.nbo.topology.identity.StitchProcessor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Validates each event record, drops repeats of an event id, folds the event into the subject's profile,
 * sends anything it cannot use to the dead-letter topic with the reason, and passes offer responses and
 * purchases on to the contact tracker. Events of an anonymous id that has logged in are re-routed to the
 * customer; a login that names both ids starts the hand-over of the anonymous state.
 */
public final class ProfileProcessor implements Processor<String, byte[], String, Object> {
    public static final String NAME = "profile-updater";
    public static final String PROFILE_STORE = "customer-profiles";
    public static final String SEEN_EVENTS_STORE = "seen-event-ids";
    /**
     * Old event ids are swept a batch at a time, so the stream thread never stops for a scan of the whole
     * store (millions of ids over the de-duplication window): 1,000 ids a second, a full pass over ten
     * million ids in under three hours, well inside the window.
     */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(2);
    public static final int SWEEP_BATCH = 2_000;
    public static final String REROUTE_SINK = "rerouted-events-sink";
    public static final String STITCH_SINK = "identity-stitch-sink";

    private final ProfileUpdater updater;
    private final Duration dedupWindow;
    private final int subjectPartitions;
    /** Where the next sweep resumes; null: from the first id. Lost on restart, which only restarts the pass. */
    private String sweepFrom;
    /** Notes of logins are few and answered within moments; swept rarely, as a safety net. */
    private static final Duration NOTES_SWEEP_INTERVAL = Duration.ofMinutes(1);
    private long notesSweptAt;
    private String notesSweepFrom;
    private final EventCodec codec = new EventCodec();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, Long> seenEvents;
    private KeyValueStore<String, String> aliases;
    private final ActiveStores running;
    private ActiveStores.Publication published;

    public ProfileProcessor(TopologyConfig config, ActiveStores running) {
        this.updater = new ProfileUpdater(config.profileRules());
        this.dedupWindow = config.dedupWindow();
        this.subjectPartitions = config.subjectPartitions();
        this.running = running;
    }

    public static StoreBuilder<KeyValueStore<String, CustomerProfile>> profileStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILE_STORE), Serdes.String(),
                ProfileSerde.serde());
    }

    /**
     * Event ids per subject with the wall-clock time they were first seen. Kept by arrival time, not event
     * time, so a repeat of an old event (a backfill, a client retry) is recognised as surely as a new one.
     */
    public static StoreBuilder<KeyValueStore<String, Long>> seenEventStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN_EVENTS_STORE), Serdes.String(),
                Serdes.Long());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.profiles = context.getStateStore(PROFILE_STORE);
        this.seenEvents = context.getStateStore(SEEN_EVENTS_STORE);
        this.sweepFrom = null;
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetOldEventIds);
        this.aliases = context.getStateStore(StitchProcessor.ALIAS_STORE);
        this.published = running.publish(context, PROFILE_STORE, StitchProcessor.ALIAS_STORE);
    }

    @Override
    public void close() {
        published.withdraw();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Optional<RecordMetadata> source = context.recordMetadata();
        String topic = source.map(RecordMetadata::topic).orElse(null);
        Decoded<CustomerEvent> decoded = codec.decode(record.value(), Topics.defaultTypeOn(topic));
        if (!decoded.ok()) {
            deadLetter(record, decoded.reason(), source);
            return;
        }
        CustomerEvent event = decoded.value();
        EventFamily expected = Topics.familyOn(topic);
        if (expected != null && event.eventType().family() != expected) {
            deadLetter(record, "event type " + event.eventType().wireName() + " belongs on topic "
                    + Topics.forType(event.eventType()).name() + ", not " + topic, source);
            return;
        }
        if (!Objects.equals(record.key(), event.subjectId())) {
            deadLetter(record, "record key " + DeadLetters.quotedKey(record.key()) + " is not the event's subject '"
                    + event.subjectId() + "' (key events by customerId, or anonymousId when there is none)", source);
            return;
        }
        if (source.isPresent() && source.get().partition() != Topics.partitionOf(event.subjectId(), subjectPartitions)
                && !Topics.REROUTED_EVENTS.name().equals(topic)) {
            // A producer with another partitioner (librdkafka's default, for one) put this event where no read
            // of the customer looks: it goes on to the customer's partition, as the service's producers place it.
            context.forward(new Record<>(event.subjectId(), codec.encode(event), record.timestamp(),
                    Rerouting.withoutSentOn(record.headers())), REROUTE_SINK);
            return;
        }
        if (sentBeforeErasure(event.subjectId(), record, topic)) {
            return;
        }
        String dedupKey = event.subjectId() + '|' + event.eventId();
        if (seenEvents.get(dedupKey) != null) {
            EventArrival.reportRepeat(running.arrivals(), record.headers(), context.currentSystemTimeMs());
            return;
        }
        seenEvents.put(dedupKey, context.currentSystemTimeMs());
        String owner = aliases.get(event.subjectId());
        if (owner != null && event.subjectId().equals(event.customerId())
                && StitchProcessor.claimed(aliases, event.subjectId())) {
            // A site key's login claimed this id before anything was heard of it; the id's own customer has now come.
            StitchProcessor.forget(aliases, event.subjectId());
            owner = null;
        }
        if (owner != null && !owner.equals(event.subjectId())) {
            boolean sentOn = Topics.REROUTED_EVENTS.name().equals(topic);
            if (Rerouting.cameThrough(record.headers(), owner, sentOn)) {
                // Sent on again it would come back here, and be dropped as a repeat without a trace.
                seenEvents.delete(dedupKey);
                deadLetter(record, "'" + event.subjectId() + "' leads to '" + owner + "', which this event was sent on"
                        + " from: the ids lead round to each other, so the event has no profile to go to", source);
                return;
            }
            // This id was stitched to a customer earlier (a visitor who logged in, or an id first used as an
            // anonymous one): reads of it answer with that customer, so its events belong there too.
            context.forward(new Record<>(owner, Rerouting.withCustomer(codec, event, owner), record.timestamp(),
                    Rerouting.sentOnFrom(record.headers(), event.subjectId(), sentOn)), REROUTE_SINK);
            return;
        }
        // The contact history first: a reader waiting for this event watches the profile's position, and must
        // find the cool-down or conversion the event starts there too once the profile shows it.
        if (event instanceof OfferResponse || event instanceof TransactionEvent) {
            context.forward(record.withValue(new TrackedInput.Event(event)), ContactProcessor.NAME);
        }
        CustomerProfile before = profiles.get(event.subjectId());
        CustomerProfile after = updater.apply(before, event);
        Optional<String> tooMuch = ProfileLimits.refusal(before, after);
        if (tooMuch.isPresent()) {
            // Not applied, so not seen either: sent again once there is room, it is applied.
            seenEvents.delete(dedupKey);
            deadLetter(record, tooMuch.get(), source);
            return;
        }
        profiles.put(event.subjectId(), after);
        if (after != before) {
            ProfileSerde.serde().forget(before);
        }
        EventArrival.report(running.arrivals(), record.headers(), record.timestamp(), context.currentSystemTimeMs());
        running.changed(event.subjectId());
        if (Rerouting.stitches(event)) {
            IdentityRecords.StitchRequest stitch = new IdentityRecords.StitchRequest(event.anonymousId(),
                    event.customerId(), event.eventId(), event.timestamp(), null,
                    record.headers().lastHeader(IdentityRecords.PUBLIC_KEY_HEADER) != null);
            CrossedLogins.expect(aliases, stitch, context.currentSystemTimeMs());
            context.forward(new Record<>(event.anonymousId(), IdentityRecords.STITCH.toBytes(stitch),
                    record.timestamp()), STITCH_SINK);
        }
    }

    /**
     * An event sent before its customer was erased, which reaches the customer only now: through another
     * partition (a visitor's event following the login to the customer), or stamped by the collector before the
     * erasure was asked for. It goes with the customer rather than bring them back. Direct records without a
     * stamp are applied: their timestamps may be event times, and tell nothing of when they were sent.
     */
    private boolean sentBeforeErasure(String subject, Record<String, byte[]> record, String topic) {
        Long erasedAt = running.erasedAt(subject);
        if (erasedAt == null) {
            return false;
        }
        Long stamped = EventArrival.stamp(record.headers(), context.currentSystemTimeMs());
        if (stamped != null) {
            return stamped <= erasedAt;
        }
        return Topics.REROUTED_EVENTS.name().equals(topic) && record.timestamp() <= erasedAt;
    }

    /**
     * Event ids first seen longer than the de-duplication window ago are forgotten, a batch per call, and, once a
     * minute, notes of logins the other side never answered ({@link CrossedLogins}).
     */
    private void forgetOldEventIds(long now) {
        if (now - notesSweptAt >= NOTES_SWEEP_INTERVAL.toMillis()) {
            notesSweepFrom = CrossedLogins.sweep(aliases, notesSweepFrom, now);
            notesSweptAt = now;
        }
        long horizon = now - dedupWindow.toMillis();
        try (KeyValueIterator<String, Long> ids = sweepFrom == null ? seenEvents.all()
                : seenEvents.range(sweepFrom, null)) {
            for (int swept = 0; swept < SWEEP_BATCH && ids.hasNext(); swept++) {
                KeyValue<String, Long> entry = ids.next();
                if (entry.value < horizon) {
                    seenEvents.delete(entry.key);
                }
            }
            sweepFrom = ids.hasNext() ? ids.peekNextKey() : null;
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason, Optional<RecordMetadata> source) {
        context.forward(DeadLetters.letter(record, reason, source.orElse(null),
                context.currentSystemTimeMs()), DeadLetters.SINK);
    }
}
