package io.nbo.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecodedTest {
    @Test
    void shouldKeepTheRefusalSmallWhateverTheDocumentHeld() {
        List<String> many = IntStream.range(0, 5_000).mapToObj(i -> "$: property 'k" + i + "' is not defined").toList();

        Decoded<Object> refused = Decoded.refused(many);

        assertThat(refused.violations()).hasSize(Decoded.MOST_REASONS + 1)
                .startsWith("$: property 'k0' is not defined")
                .endsWith("and 4990 more reasons, left out");
    }

    @Test
    void shouldShortenAReasonThatQuotesALongValue() {
        String reason = "$: property '" + "x".repeat(10_000) + "' is not defined";

        String kept = Decoded.refused(reason).violations().get(0);

        assertThat(kept).hasSize(Decoded.LONGEST_REASON).startsWith("$: property 'xxx").endsWith("x\u2026");
        assertThat(Decoded.refused(List.of("a", "b")).violations()).containsExactly("a", "b");
    }

    @Test
    void shouldNotCutACharacterInHalf() {
        String reason = "a".repeat(Decoded.LONGEST_REASON - 2) + "\uD83D\uDE00".repeat(10);

        String kept = Decoded.refused(reason).violations().get(0);

        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 2))).isFalse();
        assertThat(kept).endsWith("a\u2026");
    }
}
