package io.nbo.topology.deadletter;

import io.nbo.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the dead letter that tells an operator why a record was set aside and where it came from. */
public final class DeadLetters {
    /** The sink node every processor sends unreadable records to. */
    public static final String SINK = "dead-letter-sink";
    /** Reasons may quote the record (a key that is not the event's subject): a huge key makes no longer reason. */
    static final int REASON_MAX_CHARS = 1000;
    /**
     * A dead letter larger than this leaves the record's bytes out: with its reason and origin added, a record as
     * large as the broker takes no longer fits one produce request (1 MiB), and failing on it would stop the stream
     * thread on that record after every restart. The origin headers lead to the original, which stays on its topic.
     */
    static final int MAX_LETTER_BYTES = 1_000_000;
    private static final int KEY_KEPT_BYTES = 1024;

    private DeadLetters() {
    }

    /**
     * {@code record} as a dead letter: with its reason and origin, and without whatever makes it too large to copy
     * (its bytes, then a long key, then its own headers). It is dated when it was set aside, so that the topic's
     * retention keeps an old record's letter as long as any other; the record's own time travels in a header.
     */
    public static Record<String, byte[]> letter(Record<String, byte[]> record, String reason, RecordMetadata source,
            long now) {
        String sourceTime = Long.toString(record.timestamp());
        Headers headers = headers(record.headers(), reason, source);
        put(headers, Topics.HEADER_SOURCE_TIMESTAMP, sourceTime);
        record = record.withTimestamp(now);
        int keyBytes = record.key() == null ? 0 : record.key().getBytes(StandardCharsets.UTF_8).length;
        int valueBytes = record.value() == null ? 0 : record.value().length;
        if (keyBytes + valueBytes + size(headers) <= MAX_LETTER_BYTES) {
            return record.withHeaders(headers);
        }
        List<String> omitted = new ArrayList<>();
        omitted.add("value " + valueBytes);
        String key = record.key();
        if (keyBytes > KEY_KEPT_BYTES) {
            omitted.add("key " + keyBytes);
            key = null;
        }
        if ((key == null ? 0 : keyBytes) + size(headers) > MAX_LETTER_BYTES) {
            omitted.add("headers " + size(record.headers()));
            headers = headers(new RecordHeaders(), reason, source);
            put(headers, Topics.HEADER_SOURCE_TIMESTAMP, sourceTime);
        }
        put(headers, Topics.HEADER_OMITTED_BYTES, String.join(", ", omitted));
        return record.withKey(key).withValue((byte[]) null).withHeaders(headers);
    }

    static Headers headers(Headers original, String reason, RecordMetadata source) {
        Headers headers = new RecordHeaders(original.toArray());
        // A record that arrives carrying these must not pass for a letter of its own.
        headers.remove(Topics.HEADER_OMITTED_BYTES);
        headers.remove(Topics.HEADER_SOURCE_TIMESTAMP);
        put(headers, Topics.HEADER_REASON, shortened(reason));
        if (source != null) {
            put(headers, Topics.HEADER_SOURCE_TOPIC, source.topic());
            put(headers, Topics.HEADER_SOURCE_PARTITION, Integer.toString(source.partition()));
            put(headers, Topics.HEADER_SOURCE_OFFSET, Long.toString(source.offset()));
        }
        return headers;
    }

    private static String shortened(String reason) {
        if (reason.length() <= REASON_MAX_CHARS) {
            return reason;
        }
        String rest = "… (" + reason.length() + " characters in all)";
        return reason.substring(0, REASON_MAX_CHARS - rest.length()) + rest;
    }

    private static int size(Headers headers) {
        int bytes = 0;
        for (Header header : headers) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
