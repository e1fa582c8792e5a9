package io.nbo.topology.deadletter;

import io.nbo.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
    /** Characters of a key a reason quotes: enough to recognise it, short enough to leave the reason readable. */
    static final int KEY_QUOTED_CHARS = 64;

    private DeadLetters() {
    }

    /**
     * {@code record} as a dead letter: with its reason and origin, and, when too large to copy, without the largest
     * of its bytes, a key over 1 KiB and its own headers until it fits. It is dated when it was set aside, so that
     * the topic's retention keeps an old record's letter as long as any other; the record's own time travels in a
     * header.
     */
    public static Record<String, byte[]> letter(Record<String, byte[]> record, String reason, RecordMetadata source,
            long now) {
        Headers added = letterHeaders(reason, source);
        put(added, Topics.HEADER_SOURCE_TIMESTAMP, Long.toString(record.timestamp()));
        Headers own = withoutLetterHeaders(record.headers());
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("value", record.value() == null ? 0 : record.value().length);
        parts.put("key", record.key() == null ? 0 : record.key().getBytes(StandardCharsets.UTF_8).length);
        parts.put("headers", size(own));
        Map<String, Integer> omitted = new LinkedHashMap<>();
        while (parts.values().stream().mapToInt(Integer::intValue).sum() + size(added) > MAX_LETTER_BYTES) {
            String largest = parts.entrySet().stream()
                    .filter(part -> part.getValue() > (part.getKey().equals("key") ? KEY_KEPT_BYTES : 0))
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            if (largest == null) {
                break;
            }
            omitted.put(largest, parts.remove(largest));
        }
        Headers headers = new RecordHeaders();
        if (!omitted.containsKey("headers")) {
            own.forEach(headers::add);
        }
        added.forEach(headers::add);
        if (!omitted.isEmpty()) {
            put(headers, Topics.HEADER_OMITTED_BYTES, omitted.entrySet().stream()
                    .map(part -> part.getKey() + " " + part.getValue()).collect(Collectors.joining(", ")));
        }
        return record.withTimestamp(now).withKey(omitted.containsKey("key") ? null : record.key())
                .withValue(omitted.containsKey("value") ? null : record.value()).withHeaders(headers);
    }

    /** The record's own headers, without any that would pass it off as a letter already. */
    private static Headers withoutLetterHeaders(Headers original) {
        Headers own = new RecordHeaders(original.toArray());
        for (String name : List.of(Topics.HEADER_REASON, Topics.HEADER_SOURCE_TOPIC, Topics.HEADER_SOURCE_PARTITION,
                Topics.HEADER_SOURCE_OFFSET, Topics.HEADER_SOURCE_TIMESTAMP, Topics.HEADER_OMITTED_BYTES)) {
            own.remove(name);
        }
        return own;
    }

    private static Headers letterHeaders(String reason, RecordMetadata source) {
        Headers headers = new RecordHeaders();
        put(headers, Topics.HEADER_REASON, shortened(printable(reason)));
        if (source != null) {
            put(headers, Topics.HEADER_SOURCE_TOPIC, source.topic());
            put(headers, Topics.HEADER_SOURCE_PARTITION, Integer.toString(source.partition()));
            put(headers, Topics.HEADER_SOURCE_OFFSET, Long.toString(source.offset()));
        }
        return headers;
    }

    /**
     * A record key as a reason quotes it: in quotes, with anything but printable ASCII escaped (a binary key's
     * bytes, read as text, would put control characters into the header), shortened past
     * {@value #KEY_QUOTED_CHARS} characters, and a missing key said in words, so it cannot be mistaken for the
     * key "null".
     */
    public static String quotedKey(String key) {
        if (key == null) {
            return "(no key)";
        }
        StringBuilder quoted = new StringBuilder("'");
        int shown = Math.min(key.length(), KEY_QUOTED_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = key.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
                quoted.append(c);
            } else {
                quoted.append(String.format("\\u%04x", (int) c));
            }
        }
        quoted.append('\'');
        if (key.length() > shown) {
            quoted.append(" (first ").append(shown).append(" of ").append(key.length()).append(" characters)");
        }
        return quoted.toString();
    }

    /**
     * A reason may quote the record's own bytes (the parser's "Unrecognized token"): control and format characters
     * among them are escaped, so a letter read in a terminal cannot move its cursor or turn its text around. Line
     * breaks and tabs, which the parser's own messages hold, read as spaces, so a reason stays on one line.
     */
    public static String printable(String reason) {
        StringBuilder text = new StringBuilder(reason.length() + 16);
        reason.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == '\n' || c == '\r' || c == '\t' || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                text.append(' ');
            } else if (type == Character.CONTROL || type == Character.FORMAT) {
                for (char unit : Character.toChars(c)) {
                    text.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }

    private static String shortened(String reason) {
        if (reason.length() <= REASON_MAX_CHARS) {
            return reason;
        }
        String rest = "… (" + reason.length() + " characters in all)";
        int cut = REASON_MAX_CHARS - rest.length();
        if (Character.isHighSurrogate(reason.charAt(cut - 1))) {
            cut--;
        }
        return reason.substring(0, cut) + rest;
    }

    /** Roughly what the headers take in a produce request: their bytes, and a few for each one's lengths. */
    private static int size(Headers headers) {
        int bytes = 0;
        for (Header header : headers) {
            bytes += 10 + header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
