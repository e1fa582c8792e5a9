package io.nbo.topology.deadletter;

import io.nbo.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the headers that tell an operator why a record was set aside and where it came from. */
public final class DeadLetters {
    /** The sink node every processor sends unreadable records to. */
    public static final String SINK = "dead-letter-sink";
    private DeadLetters() {
    }

    public static Headers headers(Headers original, String reason, RecordMetadata source) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, Topics.HEADER_REASON, reason);
        if (source != null) {
            put(headers, Topics.HEADER_SOURCE_TOPIC, source.topic());
            put(headers, Topics.HEADER_SOURCE_PARTITION, Integer.toString(source.partition()));
            put(headers, Topics.HEADER_SOURCE_OFFSET, Long.toString(source.offset()));
        }
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
