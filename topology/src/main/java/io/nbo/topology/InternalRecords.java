package io.nbo.topology;

import io.nbo.schemas.json.JsonSerde;
import java.io.UncheckedIOException;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads records of the topology's own internal topics. Only this application writes them, so an unreadable
 * one is a foreign writer or a bug: it is logged and skipped rather than failing the stream thread on it
 * forever.
 */
public final class InternalRecords {
    private static final Logger LOG = LoggerFactory.getLogger(InternalRecords.class);

    private InternalRecords() {
    }

    /** The record's value, or null when it cannot be read or lacks what {@code complete} requires. */
    public static <T> T read(JsonSerde<T> serde, Record<String, byte[]> record, String processor,
            Predicate<T> complete) {
        try {
            T value = serde.fromBytes(record.value());
            if (value == null) {
                LOG.warn("{} skipped an empty record keyed {}", processor, record.key());
            } else if (!complete.test(value)) {
                LOG.error("{} skipped an incomplete record keyed {}", processor, record.key());
                return null;
            }
            return value;
        } catch (UncheckedIOException e) {
            LOG.error("{} skipped an unreadable record keyed {}: {}", processor, record.key(),
                    e.getCause().getMessage());
            return null;
        }
    }
}
