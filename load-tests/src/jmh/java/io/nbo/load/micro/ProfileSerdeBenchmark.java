package io.nbo.load.micro;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.json.JsonSerde;
import io.nbo.topology.profile.ProfileSerde;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state serde: every event the topology applies reads a profile from RocksDB and writes it back
 * (store and changelog), and every decision reads one, so these two costs sit on both hot paths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProfileSerdeBenchmark {
    /** The codec alone; the store's serde also answers versions it has seen from memory. */
    private final JsonSerde<CustomerProfile> serde = new JsonSerde<>(CustomerProfile.class);
    private CustomerProfile profile;
    private byte[] bytes;
    /** What a store read returns: a fresh array with the content the topology last wrote. */
    private byte[] storedCopy;

    @Setup
    public void setUp() {
        profile = MicroFixtures.typicalProfile(System.currentTimeMillis());
        bytes = serde.toBytes(profile);
        storedCopy = ProfileSerde.serde().toBytes(profile).clone();
    }

    @Benchmark
    public byte[] serialize() {
        return serde.toBytes(profile);
    }

    @Benchmark
    public CustomerProfile deserialize() {
        return serde.fromBytes(bytes);
    }

    @Benchmark
    public CustomerProfile deserializeKnownVersion() {
        return ProfileSerde.serde().fromBytes(storedCopy);
    }
}
