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
