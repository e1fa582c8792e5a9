package io.nbo.decisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void shouldWriteNumbersExactlyAsTheFormatterDoes() {
        SplittableRandom random = new SplittableRandom(7);
        double[] edges = {0, 1, 0.0625, 2.675, 1.0005, 0.05, 99.995, 12345.678, 0.00049, 1e-9, 250, 0.5, 0.125, 1.005, 0.045, 0.995, 9.9999, 1e12 + 0.5};
        for (int places = 0; places <= 6; places++) {
            for (double value : edges) {
                assertThat(Decimals.fixed(value, places)).as("%s to %d places", value, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", value));
            }
            for (int i = 0; i < 20_000; i++) {
                double value = random.nextDouble() * Math.pow(10, random.nextInt(6));
                assertThat(Decimals.fixed(value, places)).as("%s to %d places", value, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", value));
                // Values on or next to a tie at this precision, where binary and decimal rounding can disagree.
                value = (random.nextInt(1_000_000) + 0.5) / Math.pow(10, places) + (random.nextInt(3) - 1) * 1e-12;
                assertThat(Decimals.fixed(value, places)).as("%s to %d places", value, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", value));
                // Just outside the margin where the fast path hands over to BigDecimal, on either side.
                value = (random.nextInt(1_000_000) + 0.5 + (random.nextBoolean() ? 1.5e-4 : -1.5e-4))
                        / Math.pow(10, places);
                assertThat(Decimals.fixed(value, places)).as("%s to %d places", value, places)
                        .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", value));
            }
        }
    }

    @Test
    void shouldWriteDoublesExactlyAsDoubleToStringDoes() {
        SplittableRandom random = new SplittableRandom(11);
        double[] edges = {0, -0.0, 1, 24, 48, 0.5, 1.5, 9_999_999, 10_000_000, 1e7 + 1, 1e21, -3, -2.5, 1e-7,
                Double.NaN, Double.POSITIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE};
        for (double value : edges) {
            assertThat(Decimals.plain(value)).as("%s", value).isEqualTo(Double.toString(value));
        }
        for (int i = 0; i < 20_000; i++) {
            double whole = random.nextInt(20_000_000);
            assertThat(Decimals.plain(whole)).as("%s", whole).isEqualTo(Double.toString(whole));
            double any = random.nextDouble() * Math.pow(10, random.nextInt(9));
            assertThat(Decimals.plain(any)).as("%s", any).isEqualTo(Double.toString(any));
        }
    }
}
