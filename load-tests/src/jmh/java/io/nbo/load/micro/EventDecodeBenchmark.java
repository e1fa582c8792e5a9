package io.nbo.load.micro;

import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.validation.Decoded;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one event from a topic as the topology does (size limit, contract check, typed record), against
 * the bare Jackson read of the same bytes into the same record: the difference is what checking untrusted
 * input costs per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventDecodeBenchmark {
    @Param({"product_view", "purchase"})
    public String kind;

    private final EventCodec codec = new EventCodec();
    private byte[] bytes;
    private Class<? extends CustomerEvent> type;

    @Setup
    public void setUp() {
        long now = System.currentTimeMillis();
        CustomerEvent event = kind.equals("purchase")
                ? new TransactionEvent("purchase", "ev-1", "c-42", null, now, "web", "o-1", 59.0, "EUR",
                        List.of(new TransactionEvent.Item("p-books-7", "books", 1, 59.0)), null)
                : new ClickstreamEvent("product_view", "ev-1", "c-42", null, now, "web", "/p/p-books-7", "books",
                        "p-books-7", null, null, null);
        bytes = codec.encode(event);
        type = event.getClass();
        Decoded<CustomerEvent> decoded = codec.decode(bytes, null);
        if (!decoded.ok()) {
            throw new IllegalStateException("the sample event is refused: " + decoded.reason());
        }
    }

    @Benchmark
    public Decoded<CustomerEvent> decodeChecked() {
        return codec.decode(bytes, null);
    }

    @Benchmark
    public CustomerEvent readUnchecked() throws IOException {
        return Json.mapper().readValue(bytes, type);
    }
}
