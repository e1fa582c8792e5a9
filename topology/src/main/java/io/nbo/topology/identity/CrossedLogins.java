package io.nbo.topology.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Two logins that name each other's ids ("a with visitor b" and "b with visitor a"), taken in before either
 * stitch arrived, would each hand their id over to the other: the ids would lead to each other and every later
 * event of either would go round between them. A customer's partition notes each stitch it asks for until its
 * hand-over comes back, so the partition of the other id can tell that a stitch crosses one of its own and let
 * only the earlier of the two stitch (by the logins' times, then by id), on both sides alike.
 *
 * <p>The notes live beside the aliases under keys no id can be (ids hold no '|'), and are forgotten once the
 * hand-over arrived, or after {@link #WINDOW} at the latest, far longer than a hand-over takes.
 */
public final class CrossedLogins {
    public static final Duration WINDOW = Duration.ofMinutes(10);
    static final int SWEEP_BATCH = 1_000;
    private static final String MARK = "stitching|";

    private CrossedLogins() {
    }

    /** The customer's partition asks for {@code stitch}: noted until its hand-over arrives. */
    public static void expect(KeyValueStore<String, String> aliases, IdentityRecords.StitchRequest stitch, long now) {
        aliases.put(key(stitch.anonymousId(), stitch.customerId()), now + ":" + stitch.at() + ":" + stitch.stitchId());
    }

    /** The hand-over of {@code anonymousId} to {@code customerId} arrived: nothing crosses it any more. */
    public static void arrived(KeyValueStore<String, String> aliases, String anonymousId, String customerId) {
        aliases.delete(key(anonymousId, customerId));
    }

    /**
     * Why {@code request} must not stitch: the request's customer is itself being stitched to the request's
     * anonymous id by an earlier login, still on its way. Empty when nothing crosses it or it is the earlier.
     */
    public static Optional<String> earlierCrossing(KeyValueStore<String, String> aliases,
                                            IdentityRecords.StitchRequest request, long now) {
        String noted = aliases.get(key(request.customerId(), request.anonymousId()));
        if (noted == null) {
            return Optional.empty();
        }
        String[] parts = noted.split(":", 3);
        if (now - Long.parseLong(parts[0]) > WINDOW.toMillis()) {
            aliases.delete(key(request.customerId(), request.anonymousId()));
            return Optional.empty();
        }
        long crossingAt = Long.parseLong(parts[1]);
        boolean crossingFirst = crossingAt < request.at()
                || crossingAt == request.at() && request.anonymousId().compareTo(request.customerId()) < 0;
        if (!crossingFirst) {
            return Optional.empty();
        }
        return Optional.of("login " + request.stitchId() + " of '" + request.customerId() + "' names '"
                + request.anonymousId() + "' as its anonymousId, while login " + parts[2] + " of '"
                + request.anonymousId() + "' (at " + Instant.ofEpochMilli(crossingAt) + ", earlier"
                + (crossingAt == request.at() ? " by id" : "") + ") names '" + request.customerId()
                + "': the two logins cross, and only the earlier stitches ('" + request.customerId() + "' joins '"
                + request.anonymousId() + "'), so that the two ids never lead to each other");
    }

    /** Notes older than {@link #WINDOW} (a stitch refused on the other side never comes back), a batch per call. */
    public static void sweep(KeyValueStore<String, String> aliases, long now) {
        try (KeyValueIterator<String, String> notes = aliases.prefixScan(MARK, Serdes.String().serializer())) {
            for (int seen = 0; seen < SWEEP_BATCH && notes.hasNext(); seen++) {
                KeyValue<String, String> note = notes.next();
                if (now - Long.parseLong(note.value.split(":", 2)[0]) > WINDOW.toMillis()) {
                    aliases.delete(note.key);
                }
            }
        }
    }

    /** Every note naming {@code id}, for its erasure. */
    public static void forget(KeyValueStore<String, String> aliases, String id) {
        java.util.List<String> naming = new java.util.ArrayList<>();
        try (KeyValueIterator<String, String> notes = aliases.prefixScan(MARK, Serdes.String().serializer())) {
            notes.forEachRemaining(note -> {
                String[] ids = note.key.substring(MARK.length()).split("\\|", 2);
                if (ids[0].equals(id) || ids[1].equals(id)) {
                    naming.add(note.key);
                }
            });
        }
        naming.forEach(aliases::delete);
    }

    private static String key(String anonymousId, String customerId) {
        return MARK + anonymousId + '|' + customerId;
    }
}
