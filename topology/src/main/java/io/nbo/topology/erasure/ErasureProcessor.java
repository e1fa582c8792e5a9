package io.nbo.topology.erasure;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.topics.Topics;
import io.nbo.schemas.validation.Ids;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.StateSerdes;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.deadletter.DeadLetters;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import io.nbo.topology.profile.ProfileSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets a customer or anonymous id in its own partition: profile, contact history, remembered event ids,
 * the alias an anonymous id had and the pseudonym that links it to its decision-log entries, each deleted so
 * the changelogs carry tombstones. The anonymous ids stitched into a customer live on other partitions, so an
 * erasure request is sent on for each of them; one that no longer leads to the erased customer (it logged
 * in as another customer since, on a shared device, or was freed and used again) keeps its state and loses
 * only its pseudonym.
 */
public final class ErasureProcessor implements Processor<String, byte[], String, byte[]> {
    public static final String NAME = "eraser";
    public static final String FORWARD_SINK = "erasure-forward-sink";
    /** Header naming the customer an erasure was sent on for. */
    static final String ERASED_FOR = "nbo-erased-for";
    /** Marks a request this processor moved to its id's partition from another: applied where it lands. */
    public static final String SENT_ON = "nbo-sent-on";

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, ContactHistory> histories;
    private KeyValueStore<String, Long> seenEvents;
    private KeyValueStore<String, String> aliases;
    private KeyValueStore<String, String> pseudonyms;
    private final ActiveStores running;

    private final int subjectPartitions;

    public ErasureProcessor(ActiveStores running, int subjectPartitions) {
        this.running = running;
        this.subjectPartitions = subjectPartitions;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.profiles = context.getStateStore(ProfileProcessor.PROFILE_STORE);
        this.histories = context.getStateStore(ContactProcessor.STORE);
        this.seenEvents = context.getStateStore(ProfileProcessor.SEEN_EVENTS_STORE);
        this.aliases = context.getStateStore(StitchProcessor.ALIAS_STORE);
        this.pseudonyms = context.getStateStore(ContactProcessor.PSEUDONYM_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String subject = record.key();
        Optional<RecordMetadata> source = context.recordMetadata();
        if (!Ids.isId(subject)) {
            // Nothing can be erased by it, and a request that silently did nothing is what must not happen here.
            context.forward(DeadLetters.letter(record, "erasure request keyed " + DeadLetters.quotedKey(subject)
                    + ": key it by the customer or anonymous id to erase, " + Ids.RULE, source.orElse(null),
                    context.currentSystemTimeMs()), DeadLetters.SINK);
            return;
        }
        if (source.isPresent() && source.get().partition() != Topics.partitionOf(subject, subjectPartitions)
                && record.headers().lastHeader(SENT_ON) == null) {
            // Placed by another partitioner (librdkafka's default, for one) where none of the id's state lives: sent
            // on to the id's partition, as the service's producers place it. Once only: where it lands, it is applied.
            Headers headers = new RecordHeaders(record.headers().toArray()).add(SENT_ON, new byte[0]);
            context.forward(record.withHeaders(headers), FORWARD_SINK);
            return;
        }
        // Without this link the subject's decision-log entries name no one: that is their anonymisation. It goes
        // whatever follows: in doubt, the entries of a device two customers shared name no one.
        pseudonyms.delete(subject);
        String erasedFor = erasedFor(record);
        String owner = aliases.get(subject);
        if (erasedFor != null && !erasedFor.equals(owner)) {
            // This id no longer leads to the customer erased: it logged in as another since (a shared device), or
            // was freed and has a life of its own again. What it brought to the erased customer went with them.
            return;
        }
        CustomerProfile profile = profiles.get(subject);
        if (profile != null) {
            for (String anonymousId : profile.stitchedIds()) {
                context.forward(new Record<>(anonymousId, record.value(), record.timestamp(), erasedFor(subject)),
                        FORWARD_SINK);
            }
        }
        // Deleted even when absent: the write moves the store's position past this request, which is how the
        // service tells the erasure was applied, also for an id that never had a profile.
        // The deleted values leave the decoded copies kept beside the stores too.
        ProfileSerde.serde().forget(profiles.delete(subject));
        StateSerdes.CONTACT_HISTORY.forget(histories.delete(subject));
        StitchProcessor.forget(aliases, subject);
        io.nbo.topology.identity.CrossedLogins.forget(aliases, subject);
        List<String> remembered = new ArrayList<>();
        try (KeyValueIterator<String, Long> ids = seenEvents.prefixScan(subject + "|", Serdes.String().serializer())) {
            ids.forEachRemaining(entry -> remembered.add(entry.key));
        }
        remembered.forEach(seenEvents::delete);
        running.erased(subject, requestedAt(record, context.currentSystemTimeMs()));
    }

    /**
     * When the erasure was asked for: the request's value, or the record's time when that cannot be read. Never
     * later than now: decisions made before it are dropped, and a time in the future (microseconds written for
     * milliseconds) would drop every decision for the id, keeping its caps from counting them.
     */
    private static long requestedAt(Record<String, byte[]> record, long now) {
        try {
            return Math.min(now, Long.parseLong(new String(record.value(), StandardCharsets.UTF_8).trim()));
        } catch (RuntimeException e) {
            return Math.min(now, record.timestamp());
        }
    }

    /** The customer whose erasure sent this request on to one of their stitched ids, or null for a direct one. */
    private static String erasedFor(Record<String, byte[]> record) {
        Header header = record.headers().lastHeader(ERASED_FOR);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The headers of a request to erase an id because {@code customerId}, whom it leads to, was erased. */
    public static Headers erasedFor(String customerId) {
        return new RecordHeaders().add(ERASED_FOR, customerId.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of an erasure request: when it was asked for. */
    public static byte[] request(long requestedAt) {
        return Long.toString(requestedAt).getBytes(StandardCharsets.UTF_8);
    }
}
