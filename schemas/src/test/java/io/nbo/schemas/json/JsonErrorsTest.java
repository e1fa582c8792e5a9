package io.nbo.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonErrorsTest {
    private static String refusal(String document) {
        IOException e = catchThrowableOfType(IOException.class,
                () -> Json.untrustedReader().readTree(document.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("a reader error for %s", document).isNotNull();
        return JsonErrors.describe(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":NaN}", "{\"a\":1}{\"b\":2}", "/*c*/{\"a\":1}", "{", "[1,2",
        "{\"a\":tru}", "{'a':1}", "{\"a\":1,}", "{\"a\":\"\u0001\"}", "{\"a\":01}"})
    void namesNeitherParserSettingsNorJavaTypes(String document) {
        String reason = refusal(document);
        assertThat(reason).doesNotContain("`", "Feature", "com.fasterxml", "JsonNode", "Source:", "REDACTED")
                .matches(".*\\(line \\d+, column \\d+\\)$");
    }

    @Test
    void saysWhatIsWrongInJsonTerms() {
        assertThat(refusal("{\"amount\":NaN}")).startsWith("Non-standard token 'NaN', which JSON does not allow");
        assertThat(refusal("{\"a\":1} {\"b\":2}")).startsWith("more than one JSON value");
        assertThat(refusal("/*c*/{}")).startsWith("a comment, which JSON does not allow");
        assertThat(refusal("\n  {\"a\":1")).contains("opened at line 2, column 3");
        assertThat(refusal("[".repeat(40) + "]".repeat(40))).as("a limit, without where Jackson keeps it")
                .startsWith("Document nesting depth (33) exceeds the maximum allowed (32)").doesNotContain("from");
    }

    @Test
    void saysWhichEncodingTheFirstBytesChose() {
        byte[] utf16 = {(byte) 0xFF, (byte) 0xFE, 'b', 'a', 'd', '!'};
        byte[] utf8 = "bad!".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonErrors.describe(catchThrowableOfType(IOException.class, () -> Json.untrustedReader()
                .readTree(utf16)), utf16)).endsWith("(read as UTF-16, as its first bytes say)");
        assertThat(JsonErrors.describe(catchThrowableOfType(IOException.class, () -> Json.untrustedReader()
                .readTree(utf8)), utf8)).doesNotContain("read as");
        byte[] utf8WithZeroLater = {'{', '"', 0, '"', ':', '1', '}'};
        assertThat(JsonErrors.describe(catchThrowableOfType(IOException.class, () -> Json.untrustedReader()
                .readTree(utf8WithZeroLater)), utf8WithZeroLater)).as("a zero byte past the first two")
                .doesNotContain("read as");
    }

    @Test
    void countsColumnsInCharactersNotBytes() {
        byte[] accented = "{\"name\":\"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\",}".getBytes(StandardCharsets.UTF_8);
        IOException e = catchThrowableOfType(IOException.class, () -> Json.untrustedReader().readTree(accented));

        assertThat(JsonErrors.describe(e)).as("the byte reader's count").endsWith("column 24)");
        assertThat(JsonErrors.describe(e, accented)).endsWith("(line 1, column 18)");
    }

    @Test
    void namesWhatWasBeingReadInWords() {
        assertThat(refusal("\"abc")).startsWith("Unexpected end-of-input in a string").doesNotContain("VALUE_");
    }

    @Test
    void typeMismatchesNameTheTypeSimply() {
        IOException e = catchThrowableOfType(IOException.class, () -> Json.mapper()
                .treeToValue(Json.mapper().readTree("{\"values\":{\"x\":1}}"), Holder.class));
        assertThat(JsonErrors.describe(e)).contains("ArrayList<String>").doesNotContain("`", "java.util", "JsonToken");
    }

    record Holder(List<String> values) {
    }
}
