package io.nbo.load.micro;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.json.JsonSerde;
import io.nbo.topology.profile.ProfileSerde;

/**
 * The profile serde: every event the topology applies reads a profile and writes it back (store and
 * changelog), and every decision reads one, so these costs sit on both hot paths.
 */
public class ProfileSerdeBenchmark extends StoredStateBenchmark<CustomerProfile> {
    private final JsonSerde<CustomerProfile> codec = JsonSerde.binary(CustomerProfile.class);

    @Override
    protected JsonSerde<CustomerProfile> codec() {
        return codec;
    }

    @Override
    protected JsonSerde<CustomerProfile> storeSerde() {
        return ProfileSerde.serde();
    }

    @Override
    protected CustomerProfile sample(long now) {
        return MicroFixtures.typicalProfile(now);
    }
}
