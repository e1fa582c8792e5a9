package io.nbo.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
    record Stored(String id, long at, List<String> tags) {
    }

    @Test
    void shouldWriteBinaryStateAndStillReadWhatWasWrittenAsText() {
        Stored value = new Stored("c-1", 42, List.of("a", "b"));
        JsonSerde<Stored> binary = JsonSerde.binary(Stored.class);
        byte[] written = binary.toBytes(value);
        byte[] olderText = new JsonSerde<>(Stored.class).toBytes(value);

        assertThat(JsonSerde.isSmile(written)).isTrue();
        assertThat(JsonSerde.isSmile(olderText)).isFalse();
        assertThat(new String(olderText, StandardCharsets.UTF_8)).startsWith("{");
        assertThat(binary.fromBytes(written)).isEqualTo(value);
        assertThat(binary.fromBytes(olderText)).isEqualTo(value);
    }
}
