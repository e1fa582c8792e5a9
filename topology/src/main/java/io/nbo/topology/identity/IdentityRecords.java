package io.nbo.topology.identity;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.json.JsonSerde;

/** The records identity stitching passes between the anonymous id's partition and the customer's. */
public final class IdentityRecords {
    /**
     * Marks an event the collector took in with a key that is public on a shop's pages (a site key): such a login
     * may stitch an anonymous visitor to a customer, never take over another customer's id and everything in it.
     */
    public static final String PUBLIC_KEY_HEADER = "nbo-public-key";

    /**
     * A login tied {@code anonymousId} to {@code customerId}. {@code follows}, when set, is the id whose stitched
     * ids are following it to a new customer: the request applies only while the alias still leads to it.
     * {@code publicKey}: the login came with a public key ({@link #PUBLIC_KEY_HEADER}).
     */
    public record StitchRequest(String anonymousId, String customerId, String stitchId, long at, String follows,
                                boolean publicKey) {
    }

    /**
     * What the anonymous id's partition hands over; either part may be null when there was nothing.
     * {@code seenEventIds} (event id to when it was first seen) let the customer recognise a repeat of the
     * visitor's events sent under the customer's id; null in records written before it existed. {@code refused}:
     * nothing is handed over, the stitch was refused; it answers the customer's note ({@link CrossedLogins}).
     */
    public record MergePayload(String anonymousId, String customerId, CustomerProfile profile,
                               ContactHistory history, java.util.Map<String, Long> seenEventIds, boolean refused) {
        public MergePayload(String anonymousId, String customerId, CustomerProfile profile, ContactHistory history,
                            java.util.Map<String, Long> seenEventIds) {
            this(anonymousId, customerId, profile, history, seenEventIds, false);
        }

        static MergePayload refusal(StitchRequest request) {
            return new MergePayload(request.anonymousId(), request.customerId(), null, null, null, true);
        }
    }

    public static final JsonSerde<StitchRequest> STITCH = new JsonSerde<>(StitchRequest.class);
    public static final JsonSerde<MergePayload> MERGE = new JsonSerde<>(MergePayload.class);

    private IdentityRecords() {
    }
}
