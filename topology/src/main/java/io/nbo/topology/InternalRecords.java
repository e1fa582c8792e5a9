package io.nbo.topology;

import io.nbo.schemas.json.JsonSerde;
import java.io.UncheckedIOException;
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

    /** The record's value, or null when it cannot be read. */
    public static <T> T read(JsonSerde<T> serde, Record<String, byte[]> record, String processor) {
        try {
            T value = serde.fromBytes(record.value());
            if (value == null) {
                LOG.warn("{} skipped an empty record keyed {}", processor, record.key());
            }
            return value;
        } catch (UncheckedIOException e) {
            LOG.error("{} skipped an unreadable record keyed {}: {}", processor, record.key(),
                    e.getCause().getMessage());
            return null;
        }
    }
}
