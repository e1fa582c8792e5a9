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

    @Test
    void shouldDecodeEachVersionOnceAndNeverAnswerWithAnotherVersion() {
        JsonSerde<Stored> cached = JsonSerde.binaryCached(Stored.class, 1 << 20);
        List<String> manyTags = java.util.stream.IntStream.range(0, 500).mapToObj(i -> "tag-" + i).toList();
        Stored first = new Stored("c-1", 42, manyTags);
        Stored second = new Stored("c-2", 42, manyTags);
        byte[] firstBytes = cached.toBytes(first);
        byte[] secondBytes = JsonSerde.binary(Stored.class).toBytes(second);

        assertThat(cached.fromBytes(firstBytes)).as("what it wrote, not decoded again").isSameAs(first);
        assertThat(cached.fromBytes(firstBytes.clone())).as("equal bytes, however obtained").isSameAs(first);
        // Same length, one byte apart: the sampled hash may well collide, equality must still tell them apart.
        assertThat(secondBytes).hasSameSizeAs(firstBytes).isNotEqualTo(firstBytes);
        Stored decoded = cached.fromBytes(secondBytes);
        assertThat(decoded).isEqualTo(second);
        assertThat(cached.fromBytes(secondBytes)).isSameAs(decoded);
        assertThat(cached.fromBytes(new JsonSerde<>(Stored.class).toBytes(first))).as("older text").isEqualTo(first);
    }
}
