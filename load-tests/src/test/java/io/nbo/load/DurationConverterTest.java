package io.nbo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {

    @Test
    void shouldReadDurationsAsWrittenOnACommandLine() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("0s")).isZero();
    }

    @Test
    void shouldSayHowToWriteABadDuration() {
        assertThatThrownBy(() -> DurationConverter.parse("15")).hasMessageContaining("write it like 500ms, 15s");
        assertThatThrownBy(() -> DurationConverter.parse("-5s")).hasMessageContaining("not a duration");
    }
}
