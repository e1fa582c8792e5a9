package io.nbo.schemas.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Values JSON Schema lets through that could not be written back out as they came in: half of a UTF-16
 * surrogate pair spelt as an escape ({@code "\ud800"}), which no encoder can write, and a number beyond a
 * double's range ({@code 1e400}), which reads as infinity and would be written back as the text "Infinity".
 * Once accepted, either fails a later attempt to store, send or resubmit what was read. Also, checked on the same
 * walk, a list or object far larger than any a contract takes: the schema validator would check each of its members
 * (a megabyte of short ids is over a hundred thousand) on the thread that also answers decisions.
 */
final class UnwritableValues {
    /** Ten times the longest list and the most fields any contract takes (200 product ids; 64 attributes). */
    static final int MOST_MEMBERS = 2_000;

    private UnwritableValues() {
    }

    /** The first such value as a violation sentence naming its JSONPath, if any. */
    static Optional<String> first(JsonNode node) {
        return find(node, "$");
    }

    private static Optional<String> find(JsonNode node, String path) {
        if (node.isTextual()) {
            return broken(node.textValue()) ? Optional.of(path + HALF_PAIR) : Optional.empty();
        }
        if (node.isNumber()) {
            return Double.isFinite(node.doubleValue()) ? Optional.empty()
                    : Optional.of(path + ": number out of range (beyond ±1.8e308)");
        }
        if (node.size() > MOST_MEMBERS) {
            return Optional.of(path + ": " + node.size() + (node.isArray() ? " items" : " fields")
                    + ", far more than any contract takes: refused unread");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = find(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (broken(field.getKey())) {
                    return Optional.of(path + " (a field name)" + HALF_PAIR);
                }
                Optional<String> found = find(field.getValue(), path + "." + field.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static final String HALF_PAIR = ": text holds half of a UTF-16 surrogate pair (an escape such as \\ud800"
            + " alone), which is not Unicode text";

    static boolean broken(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
