package io.nbo.load.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {
    private static final int DRAWS = 400_000;

    @Test
    void shouldGiveTheFirstRankOneOverTheHarmonicNumberWithExponentOne() {
        ZipfSampler sampler = new ZipfSampler(1000, 1.0);
        double harmonic = 0;
        for (int k = 1; k <= 1000; k++) {
            harmonic += 1.0 / k;
        }

        assertThat(sampler.probability(1)).isCloseTo(1 / harmonic, within(1e-12));
        assertThat(sampler.probability(2)).isCloseTo(sampler.probability(1) / 2, within(1e-12));
        assertThat(sampler.probability(0)).isZero();
        assertThat(sampler.probability(1001)).isZero();
    }

    @Test
    void shouldDrawRanksAtTheirExpectedFrequencies() {
        ZipfSampler sampler = new ZipfSampler(10_000, 1.1);
        long[] counts = draw(sampler, new SplittableRandom(7));

        for (int rank : new int[] {1, 2, 3, 10, 100}) {
            double expected = sampler.probability(rank) * DRAWS;
            // Five standard deviations of a binomial count: a correct sampler fails this about never.
            double tolerance = 5 * Math.sqrt(expected);
            assertThat((double) counts[rank])
                    .as("draws of rank %d (expected about %.0f)", rank, expected)
                    .isCloseTo(expected, within(tolerance));
        }
        assertThat(counts[1]).isGreaterThan(counts[2]).isGreaterThan(counts[10]);
    }

    @Test
    void shouldConcentrateTrafficOnFewCustomersWhenSkewed() {
        ZipfSampler sampler = new ZipfSampler(100_000, 1.0);
        long[] counts = draw(sampler, new SplittableRandom(11));
        long top1000 = 0;
        for (int rank = 1; rank <= 1000; rank++) {
            top1000 += counts[rank];
        }

        // With exponent 1 the top 1% of 100k customers make H(1000)/H(100000) ≈ 0.62 of the traffic.
        assertThat(top1000 / (double) DRAWS).isBetween(0.60, 0.64);
    }

    @Test
    void shouldBeUniformWithExponentZero() {
        ZipfSampler sampler = new ZipfSampler(10, 0);
        long[] counts = draw(sampler, new SplittableRandom(3));

        for (int rank = 1; rank <= 10; rank++) {
            assertThat(counts[rank] / (double) DRAWS).as("share of rank %d", rank).isCloseTo(0.1, within(0.005));
        }
    }

    @Test
    void shouldOnlyDrawRanksInsideThePopulation() {
        ZipfSampler sampler = new ZipfSampler(3, 2.0);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(sampler.sample(random)).isBetween(1, 3);
        }
        assertThat(new ZipfSampler(1, 1.0).sample(random)).isEqualTo(1);
    }

    @Test
    void shouldRefuseMeaninglessParameters() {
        assertThatThrownBy(() -> new ZipfSampler(0, 1)).hasMessageContaining("population");
        assertThatThrownBy(() -> new ZipfSampler(10, -0.5)).hasMessageContaining("exponent");
        assertThatThrownBy(() -> new ZipfSampler(10, Double.NaN)).hasMessageContaining("exponent");
    }

    private static long[] draw(ZipfSampler sampler, SplittableRandom random) {
        long[] counts = new long[sampler.size() + 1];
        for (int i = 0; i < DRAWS; i++) {
            counts[sampler.sample(random)]++;
        }
        return counts;
    }
}
