package io.nbo.topology.profile;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.json.JsonSerde;

/**
 * How profiles are written in the store and its changelog: Smile (binary JSON; text written earlier still
 * reads), decoded once per version (every event reads the profile the previous one wrote, and every decision
 * reads it again), up to 8 MiB of encoded profiles (the latest version of several thousand customers).
 * Encoding and decoding them was a quarter of the stream thread's time per event as text.
 */
public final class ProfileSerde {
    private static final JsonSerde<CustomerProfile> SERDE = JsonSerde.binaryCached(CustomerProfile.class, 8L << 20);

    private ProfileSerde() {
    }

    public static JsonSerde<CustomerProfile> serde() {
        return SERDE;
    }
}
