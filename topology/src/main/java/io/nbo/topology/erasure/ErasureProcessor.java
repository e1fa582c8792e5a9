package io.nbo.topology.erasure;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.topology.StateSerdes;
import io.nbo.topology.contact.ContactProcessor;
import io.nbo.topology.identity.StitchProcessor;
import io.nbo.topology.profile.ProfileProcessor;
import io.nbo.topology.profile.ProfileSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets a customer or anonymous id in its own partition: profile, contact history, remembered event ids,
 * the alias an anonymous id had and the pseudonym that links it to its decision-log entries, each deleted so the changelogs carry tombstones. The anonymous ids
 * stitched into a customer live on other partitions, so an erasure request is sent on for each of them.
 */
public final class ErasureProcessor implements Processor<String, byte[], String, byte[]> {
    public static final String NAME = "eraser";
    public static final String FORWARD_SINK = "erasure-forward-sink";

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, ContactHistory> histories;
    private KeyValueStore<String, Long> seenEvents;
    private KeyValueStore<String, String> aliases;
    private KeyValueStore<String, String> pseudonyms;

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
        if (subject == null) {
            return;
        }
        CustomerProfile profile = profiles.get(subject);
        if (profile != null) {
            for (String anonymousId : profile.stitchedIds()) {
                context.forward(new Record<>(anonymousId, record.value(), record.timestamp()), FORWARD_SINK);
            }
            // The deleted values leave the decoded copies kept beside the stores too.
            ProfileSerde.serde().forget(profiles.delete(subject));
        }
        StateSerdes.CONTACT_HISTORY.forget(histories.delete(subject));
        aliases.delete(subject);
        // Without this link the subject's decision-log entries name no one: that is their anonymisation.
        pseudonyms.delete(subject);
        List<String> remembered = new ArrayList<>();
        try (KeyValueIterator<String, Long> ids = seenEvents.prefixScan(subject + "|", Serdes.String().serializer())) {
            ids.forEachRemaining(entry -> remembered.add(entry.key));
        }
        remembered.forEach(seenEvents::delete);
    }

    /** The value of an erasure request: when it was asked for. */
    public static byte[] request(long requestedAt) {
        return Long.toString(requestedAt).getBytes(StandardCharsets.UTF_8);
    }
}
