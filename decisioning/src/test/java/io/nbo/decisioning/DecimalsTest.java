package io.nbo.decisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void shouldWriteNumbersExactlyAsTheFormatterDoes() {
        SplittableRandom random = new SplittableRandom(7);
        double[] edges = {0, 1, 0.0625, 2.675, 1.0005, 0.05, 99.995, 12345.678, 0.00049, 1e-9, 250, 0.5};
        for (int places = 0; places <= 4; places++) {
            for (double value : edges) {
                assertThat(Decimals.fixed(value, places)).as("%s to %d places", value, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", value));
            }
            for (int i = 0; i < 20_000; i++) {
                double value = random.nextDouble() * Math.pow(10, random.nextInt(6));
                assertThat(Decimals.fixed(value, places)).as("%s to %d places", value, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", value));
            }
        }
    }
}
