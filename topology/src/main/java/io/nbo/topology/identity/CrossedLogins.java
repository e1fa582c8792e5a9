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
 * event of either would go round between them. A customer's partition notes each stitch it asks for until the
 * other side answers (a hand-over, or a refusal), so the partition of the other id can tell that a stitch crosses
 * one of its own and let only the earlier of the two stitch (by the logins' times, then by id), on both sides
 * alike. In a crossing both ids are customers, whom a login sent with a site key may not stitch: such a login's
 * stitch is refused on the other side whatever its time, so its note never stops the other one.
 *
 * <p>The notes live beside the aliases under keys no id can be (ids hold no '|'). An answer always comes; the
 * notes are also swept after {@link #KEPT} as a safety net, long enough for any outage's backlog.
 */
public final class CrossedLogins {
    public static final Duration KEPT = Duration.ofDays(7);
    static final int SWEEP_BATCH = 1_000;
    private static final String MARK = "stitching|";
    /** The first key after every note: '}' follows '|'. */
    private static final String AFTER_MARKS = "stitching}";

    private CrossedLogins() {
    }

    /** The customer's partition asks for {@code stitch}: noted until the other side answers; the earlier login kept. */
    public static void expect(KeyValueStore<String, String> aliases, IdentityRecords.StitchRequest stitch, long now) {
        String key = key(stitch.customerId(), stitch.anonymousId());
        Note noted = Note.of(aliases.get(key));
        if (noted == null || stitch.at() < noted.at()) {
            aliases.put(key, now + ":" + stitch.at() + ":" + (stitch.publicKey() ? 1 : 0) + ":" + stitch.stitchId());
        }
    }

    /** The other side answered the stitch of {@code anonymousId} to {@code customerId}: nothing crosses it any more. */
    public static void answered(KeyValueStore<String, String> aliases, String anonymousId, String customerId) {
        aliases.delete(key(customerId, anonymousId));
    }

    /**
     * Why {@code request} must not stitch: the request's customer is itself being stitched to the request's
     * anonymous id by an earlier login, still on its way. Empty when nothing crosses it or it is the earlier.
     */
    public static Optional<String> earlierCrossing(KeyValueStore<String, String> aliases,
                                                   IdentityRecords.StitchRequest request) {
        Note crossing = Note.of(aliases.get(key(request.anonymousId(), request.customerId())));
        if (crossing == null || crossing.publicKey()) {
            return Optional.empty();
        }
        boolean crossingFirst = crossing.at() < request.at()
                || crossing.at() == request.at() && request.anonymousId().compareTo(request.customerId()) < 0;
        if (!crossingFirst) {
            return Optional.empty();
        }
        return Optional.of("login " + request.stitchId() + " of '" + request.customerId() + "' names '"
                + request.anonymousId() + "' as its anonymousId, while login " + crossing.stitchId() + " of '"
                + request.anonymousId() + "' (at " + Instant.ofEpochMilli(crossing.at()) + ", earlier"
                + (crossing.at() == request.at() ? " by id" : "") + ") names '" + request.customerId()
                + "': the two logins cross, and only the earlier stitches ('" + request.customerId() + "' joins '"
                + request.anonymousId() + "'), so that the two ids never lead to each other");
    }

    /**
     * Notes older than {@link #KEPT}, a batch per call from {@code from} (null: the first); where the next call
     * goes on from, or null once every note was seen.
     */
    public static String sweep(KeyValueStore<String, String> aliases, String from, long now) {
        try (KeyValueIterator<String, String> notes = aliases.range(from == null ? MARK : from, AFTER_MARKS)) {
            for (int seen = 0; seen < SWEEP_BATCH && notes.hasNext(); seen++) {
                KeyValue<String, String> note = notes.next();
                if (now - Note.of(note.value).notedAt() > KEPT.toMillis()) {
                    aliases.delete(note.key);
                }
            }
            return notes.hasNext() ? notes.peekNextKey() : null;
        }
    }

    /** Every note of {@code customerId}'s, for its erasure (a visitor's are answered and gone within moments). */
    public static void forget(KeyValueStore<String, String> aliases, String customerId) {
        java.util.List<String> notes = new java.util.ArrayList<>();
        try (KeyValueIterator<String, String> noted = aliases.prefixScan(MARK + customerId + '|',
                Serdes.String().serializer())) {
            noted.forEachRemaining(note -> notes.add(note.key));
        }
        notes.forEach(aliases::delete);
    }

    private static String key(String customerId, String anonymousId) {
        return MARK + customerId + '|' + anonymousId;
    }

    private record Note(long notedAt, long at, boolean publicKey, String stitchId) {
        static Note of(String value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split(":", 4);
            return new Note(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2].equals("1"), parts[3]);
        }
    }
}
