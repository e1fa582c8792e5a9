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
        // Same length, one byte apart: a different version of the same state, never answered with the first.
        assertThat(secondBytes).hasSameSizeAs(firstBytes).isNotEqualTo(firstBytes);
        Stored decoded = cached.fromBytes(secondBytes);
        assertThat(decoded).isEqualTo(second);
        assertThat(cached.fromBytes(secondBytes)).isSameAs(decoded);
        assertThat(cached.fromBytes(new JsonSerde<>(Stored.class).toBytes(first))).as("older text").isEqualTo(first);
    }

    @Test
    void shouldSpreadStatesThatDifferOnlyInAnIdAndATimestamp() {
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        int count = 10_000;
        for (int i = 0; i < count; i++) {
            String state = "{\"customerId\":\"w" + (100_000 + i) + "\",\"lastSeen\":" + (1_795_515_330_000L + i)
                    + ",\"pages\":[" + "\"p-1\",".repeat(60) + "\"p-2\"]}";
            hashes.add(new DecodedCache.Content(state.getBytes(StandardCharsets.UTF_8)).hashCode());
        }
        assertThat(hashes).as("distinct hashes of %d near-identical states", count).hasSizeGreaterThan(count - 5);
    }

    @Test
    void shouldTellContentApartByEveryByte() {
        byte[] first = new byte[4_000];
        java.util.Arrays.fill(first, (byte) 'x');
        byte[] second = first.clone();
        second[1] = 'y';
        DecodedCache<String> cache = new DecodedCache<>(1 << 20);
        cache.put(first, "first");

        assertThat(cache.get(first.clone())).isEqualTo("first");
        assertThat(cache.get(second)).isNull();
    }

    @Test
    void shouldForgetAnErasedValueAndNeverKeepNull() {
        JsonSerde<Stored> cached = JsonSerde.binaryCached(Stored.class, 1 << 20);
        Stored value = new Stored("c-9", 1, List.of("x"));
        byte[] bytes = cached.toBytes(value);
        assertThat(cached.fromBytes(bytes.clone())).isSameAs(value);

        cached.forget(value);

        Stored again = cached.fromBytes(bytes.clone());
        assertThat(again).isNotSameAs(value).isEqualTo(value);
        assertThat(cached.fromBytes("null".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
