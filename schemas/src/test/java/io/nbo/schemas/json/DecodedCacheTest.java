package io.nbo.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecodedCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldDropTheLeastRecentlyReadWhenFull() {
        DecodedCache<String> cache = new DecodedCache<>(30, now::get);
        cache.put(bytes("a".repeat(10)), "a");
        cache.put(bytes("b".repeat(10)), "b");
        cache.put(bytes("c".repeat(10)), "c");
        assertThat(cache.get(bytes("a".repeat(10)))).isEqualTo("a");

        cache.put(bytes("d".repeat(10)), "d");

        assertThat(cache.get(bytes("b".repeat(10)))).as("least recently read").isNull();
        assertThat(cache.get(bytes("a".repeat(10)))).isEqualTo("a");
        assertThat(cache.get(bytes("c".repeat(10)))).isEqualTo("c");
        assertThat(cache.get(bytes("d".repeat(10)))).isEqualTo("d");
        assertThat(cache.encodedBytes()).isEqualTo(30);
    }

    @Test
    void shouldAdmitANewVersionHoweverOftenTheOthersWereRead() {
        DecodedCache<String> cache = new DecodedCache<>(20, now::get);
        cache.put(bytes("old-1....."), "old-1");
        cache.put(bytes("old-2....."), "old-2");
        for (int i = 0; i < 50; i++) {
            cache.get(bytes("old-1....."));
            cache.get(bytes("old-2....."));
        }

        cache.put(bytes("new-1....."), "new-1");

        assertThat(cache.get(bytes("new-1....."))).isEqualTo("new-1");
    }

    @Test
    void shouldForgetAReplacedVersionAtOnce() {
        DecodedCache<String> cache = new DecodedCache<>(1 << 20, now::get);
        String first = new String("version 1");
        String second = new String("version 2");
        cache.put(bytes("{\"v\":1}"), first);
        cache.put(bytes("{\"v\":2}"), second);

        cache.forget(first);

        assertThat(cache.get(bytes("{\"v\":1}"))).isNull();
        assertThat(cache.get(bytes("{\"v\":2}"))).isSameAs(second);
        assertThat(cache.encodedBytes()).isEqualTo(7);
        cache.forget(first);
        assertThat(cache.encodedBytes()).as("forgetting twice changes nothing").isEqualTo(7);
    }

    @Test
    void shouldHoldAValueUnderTheContentItWasLastWrittenAs() {
        DecodedCache<String> cache = new DecodedCache<>(1 << 20, now::get);
        String value = new String("same value");
        cache.put(bytes("as text"), value);
        cache.put(bytes("as smile"), value);

        assertThat(cache.get(bytes("as text"))).isNull();
        assertThat(cache.get(bytes("as smile"))).isSameAs(value);
        cache.forget(value);
        assertThat(cache.get(bytes("as smile"))).isNull();
        assertThat(cache.encodedBytes()).isZero();
    }

    @Test
    void shouldAnswerBytesWrittenAgainWithTheValueWrittenLast() {
        DecodedCache<String> cache = new DecodedCache<>(1 << 20, now::get);
        String older = new String("profile");
        String newer = new String("profile");
        cache.put(bytes("{\"p\":1}"), older);

        cache.put(bytes("{\"p\":1}"), newer);
        cache.forget(older);

        assertThat(cache.get(bytes("{\"p\":1}"))).as("the topology forgets the version it replaced")
                .isSameAs(newer);
        assertThat(cache.heldCounts()).containsExactly(1, 1);
        assertThat(cache.encodedBytes()).isEqualTo(7);
    }

    @Test
    void shouldGiveReadersOfTheSameBytesOneInstance() {
        DecodedCache<String> cache = new DecodedCache<>(1 << 20, now::get);
        String first = new String("decoded");
        String second = new String("decoded");

        assertThat(cache.putIfAbsent(bytes("same"), first)).isSameAs(first);
        assertThat(cache.putIfAbsent(bytes("same"), second)).isSameAs(first);
        cache.forget(first);

        assertThat(cache.get(bytes("same"))).as("an erasure leaves no copy behind").isNull();
        assertThat(cache.heldCounts()).containsExactly(0, 0);
    }

    @Test
    void shouldKeepItsTwoIndexesInStep() {
        DecodedCache<String> cache = new DecodedCache<>(40, now::get);
        String[] values = new String[7];
        for (int v = 0; v < values.length; v++) {
            values[v] = new String("v" + v);
        }
        for (int i = 0; i < 30; i++) {
            cache.put(bytes(String.format("content-%02d", i % 11)), values[i % 7]);
            if (i % 5 == 0) {
                cache.forget(values[i % 3]);
            }
            int[] counts = cache.heldCounts();
            assertThat(counts[0]).as("entries and reverse index after step %d", i).isEqualTo(counts[1]);
            assertThat(cache.encodedBytes()).isEqualTo(counts[0] * 10L).isLessThanOrEqualTo(40);
        }
    }

    @Test
    void shouldDropWhatNobodyReadForTheIdleTime() {
        DecodedCache<String> cache = new DecodedCache<>(1 << 20, now::get);
        cache.put(bytes("personal"), "personal");
        cache.put(bytes("busy"), "busy");
        now.addAndGet(DecodedCache.IDLE.toMillis() - 1);
        assertThat(cache.get(bytes("busy"))).isEqualTo("busy");

        now.addAndGet(2);

        assertThat(cache.get(bytes("busy"))).as("read within the idle time").isEqualTo("busy");
        assertThat(cache.get(bytes("personal"))).isNull();
        assertThat(cache.encodedBytes()).isEqualTo(4);
    }

    @Test
    void shouldNotKeepAValueLargerThanTheWholeCache() {
        DecodedCache<String> cache = new DecodedCache<>(10, now::get);
        cache.put(bytes("small"), "small");

        cache.put(bytes("x".repeat(11)), "large");

        assertThat(cache.get(bytes("x".repeat(11)))).isNull();
        assertThat(cache.get(bytes("small"))).as("not pushed out for nothing").isEqualTo("small");
        assertThat(cache.encodedBytes()).isEqualTo(5);
    }
}
