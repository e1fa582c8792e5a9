package io.nbo.schemas.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Why Jackson refused a document, in words for whoever sent it. Jackson's own messages advise enabling
 * parser features and name Java types (`JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`, `JsonNode`), which a
 * caller can neither act on nor needs to know about; what they need is what is wrong and where.
 */
public final class JsonErrors {
    /** Jackson's way of naming where an unclosed object or array began. */
    private static final Pattern START_MARKER =
            Pattern.compile("\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)]\\)");
    private static final Pattern SOURCE = Pattern.compile(" ?(at )?\\[Source: [^\\]]*]");
    private static final Pattern TOKEN = Pattern.compile(" ?\\(token `JsonToken\\.[A-Z_]+`\\)");
    /** Where a limit's value comes from in Jackson ("(32, from `StreamReadConstraints.getMaxNestingDepth()`)"). */
    private static final Pattern LIMIT_SOURCE = Pattern.compile(", from `[^`]*`");
    /** Java packages before a type name: Jackson's own, the JDK's and the service's. */
    private static final Pattern PACKAGE =
            Pattern.compile("\\b(?:java|javax|com|io|org)\\.(?:[a-z][a-z0-9_]*\\.)*(?=[A-Z])");
    /** Where Jackson's advice about its own settings begins; what comes before says what is wrong. */
    private static final String[] ADVICE = {": enable `", " (bound as `", ": not allowed as per `",
        " (not recognized as one since", "; ignorable", " (through reference chain"};

    private JsonErrors() {
    }

    /** Jackson's names of what it was reading, as a sender would say them. */
    private static final java.util.Map<String, String> TOKENS = java.util.Map.of("VALUE_STRING", "a string",
            "VALUE_NUMBER_INT", "a number", "VALUE_NUMBER_FLOAT", "a number", "FIELD_NAME", "a field name",
            "START_OBJECT", "an object", "START_ARRAY", "an array", "END_OBJECT", "the end of an object",
            "END_ARRAY", "the end of an array", "VALUE_TRUE", "true", "VALUE_FALSE", "false");
    private static final Pattern TOKEN_NAME = Pattern.compile("\\b(?:VALUE|FIELD|START|END)_[A-Z_]+\\b");

    /**
     * As {@link #describe(IOException)} for a refusal of {@code document}'s bytes, with the column counted in
     * characters: a reader of bytes counts bytes, so every accented letter before the error moved it on.
     * Read again as text only when refused, and only trusted when the text reader finds the same fault.
     */
    public static String describe(IOException e, byte[] document) {
        String wide = wideEncoding(document);
        if (wide != null) {
            // Quoted back as UTF-8 would garble it; what was read is what the sender needs to know.
            return describe(e) + " (read as " + wide + ", as its first bytes say)";
        }
        if (document != null && e instanceof JsonProcessingException refusal && refusal.getLocation() != null) {
            try {
                Json.untrustedReader().readTree(new String(document, java.nio.charset.StandardCharsets.UTF_8));
            } catch (JsonProcessingException again) {
                if (java.util.Objects.equals(again.getOriginalMessage(), refusal.getOriginalMessage())) {
                    return describe(again);
                }
            } catch (IOException again) {
                // Not a JSON fault: the byte reader's location stands.
            }
        }
        return describe(e);
    }

    /**
     * The encoding other than UTF-8 that JSON readers take from a document's first bytes (a byte order mark, or
     * the zero bytes of an ASCII first character, RFC 4627), or null.
     */
    private static String wideEncoding(byte[] document) {
        if (document == null || document.length < 2) {
            return null;
        }
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            b[i] = i < document.length ? document[i] & 0xFF : -1;
        }
        if (b[0] == 0 && b[1] == 0 || b[1] == 0 && b[2] == 0 && b[3] == 0 && b[0] != 0
                || b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) {
            return "UTF-32";
        }
        if (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE || b[0] == 0 || b[1] == 0) {
            return "UTF-16";
        }
        return null;
    }

    /** What is wrong with the document, and where when the reader knows: "… (line 1, column 95)". */
    public static String describe(IOException e) {
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                : e.getMessage();
        String what = plain(message);
        JsonLocation at = e instanceof JsonProcessingException processing ? processing.getLocation() : null;
        if (at == null || at.getLineNr() < 1) {
            return what;
        }
        return what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String text = newline < 0 ? message : message.substring(0, newline);
        if (text.startsWith("Trailing token")) {
            return "more than one JSON value; the body must be a single document";
        }
        if (text.contains("Feature 'ALLOW_COMMENTS'")) {
            return "a comment, which JSON does not allow";
        }
        boolean nonStandard = text.startsWith("Non-standard token");
        text = START_MARKER.matcher(text).replaceAll("(opened at line $1, column $2)");
        for (String advice : ADVICE) {
            int start = text.indexOf(advice);
            if (start >= 0) {
                text = text.substring(0, start);
            }
        }
        text = SOURCE.matcher(text).replaceAll("");
        text = TOKEN.matcher(text).replaceAll("");
        text = LIMIT_SOURCE.matcher(text).replaceAll("");
        text = PACKAGE.matcher(text).replaceAll("").replace("`", "");
        text = TOKEN_NAME.matcher(text).replaceAll(token -> TOKENS.getOrDefault(token.group(), "a value"));
        return nonStandard ? text + ", which JSON does not allow" : text;
    }
}
