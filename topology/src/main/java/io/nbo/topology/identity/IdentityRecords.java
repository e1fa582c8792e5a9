package io.nbo.topology.identity;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.json.JsonSerde;

/** The records identity stitching passes between the anonymous id's partition and the customer's. */
public final class IdentityRecords {
    /** A login tied {@code anonymousId} to {@code customerId}. */
    public record StitchRequest(String anonymousId, String customerId, String stitchId, long at) {
    }

    /** What the anonymous id's partition hands over; either part may be null when there was nothing. */
    public record MergePayload(String anonymousId, String customerId, CustomerProfile profile,
                               ContactHistory history) {
    }

    public static final JsonSerde<StitchRequest> STITCH = new JsonSerde<>(StitchRequest.class);
    public static final JsonSerde<MergePayload> MERGE = new JsonSerde<>(MergePayload.class);

    private IdentityRecords() {
    }
}
