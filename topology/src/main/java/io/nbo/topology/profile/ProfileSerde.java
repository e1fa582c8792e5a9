package io.nbo.topology.profile;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.json.JsonSerde;

/** How profiles are written in the store and its changelog. */
public final class ProfileSerde {
    private static final JsonSerde<CustomerProfile> SERDE = new JsonSerde<>(CustomerProfile.class);

    private ProfileSerde() {
    }

    public static JsonSerde<CustomerProfile> serde() {
        return SERDE;
    }
}
