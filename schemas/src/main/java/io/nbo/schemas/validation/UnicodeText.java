package io.nbo.schemas.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * JSON escapes can spell half of a UTF-16 surrogate pair ({@code "\ud800"}), which JSON Schema lets through
 * and no encoder can write back out: such text, once accepted, fails every later attempt to store or send it.
 */
final class UnicodeText {
    private UnicodeText() {
    }

    /** The JSONPath of the first name or text value holding an unpaired surrogate, if any. */
    static Optional<String> unpairedSurrogate(JsonNode node) {
        return find(node, "$");
    }

    private static Optional<String> find(JsonNode node, String path) {
        if (node.isTextual()) {
            return broken(node.textValue()) ? Optional.of(path) : Optional.empty();
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
                    return Optional.of(path + " (a field name)");
                }
                Optional<String> found = find(field.getValue(), path + "." + field.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

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
