package io.nbo.load.micro;

import io.nbo.schemas.json.JsonSerde;
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
 * One kind of stored state: writing it, decoding it with the codec alone, and reading a version the store's
 * serde has already seen (what a decision or update gets once the topology has written that version).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class StoredStateBenchmark<T> {
    private T value;
    private byte[] bytes;
    /** What a store read returns: a fresh array with the content the topology last wrote. */
    private byte[] storedCopy;

    /** The codec alone, keeping nothing decoded. */
    protected abstract JsonSerde<T> codec();

    /** The serde the store uses. */
    protected abstract JsonSerde<T> storeSerde();

    protected abstract T sample(long now);

    @Setup
    public void setUp() {
        value = sample(System.currentTimeMillis());
        bytes = codec().toBytes(value);
        storedCopy = storeSerde().toBytes(value).clone();
    }

    @Benchmark
    public byte[] serialize() {
        return codec().toBytes(value);
    }

    @Benchmark
    public T deserialize() {
        return codec().fromBytes(bytes);
    }

    @Benchmark
    public T deserializeKnownVersion() {
        return storeSerde().fromBytes(storedCopy);
    }
}
