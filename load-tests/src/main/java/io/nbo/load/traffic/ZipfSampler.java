package io.nbo.load.traffic;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws ranks 1..n with probability proportional to {@code 1 / rank^exponent}: a few customers are very
 * active, most are seldom seen. Exponent 0 is uniform; around 1 is typical of web traffic.
 * Sampling inverts a precomputed cumulative table (8 bytes per customer), so every draw is exact and costs
 * one binary search. Immutable and safe to share; each thread passes its own random generator.
 */
public final class ZipfSampler {
    private final double[] cumulative;
    private final double exponent;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("population must be at least 1, got " + n);
        }
        if (exponent < 0 || Double.isNaN(exponent) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be a finite number >= 0, got " + exponent);
        }
        this.exponent = exponent;
        this.cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += Math.pow(rank, -exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    public int size() {
        return cumulative.length;
    }

    public double exponent() {
        return exponent;
    }

    /** A rank from 1 (most frequent) to {@link #size()}. */
    public int sample(RandomGenerator random) {
        double u = random.nextDouble();
        int index = Arrays.binarySearch(cumulative, u);
        // binarySearch gives -(insertion point) - 1 when u is not an exact entry: the first entry above u.
        return (index >= 0 ? index : -index - 1) + 1;
    }

    /** The exact probability of drawing {@code rank}. */
    public double probability(int rank) {
        if (rank < 1 || rank > cumulative.length) {
            return 0;
        }
        return rank == 1 ? cumulative[0] : cumulative[rank - 1] - cumulative[rank - 2];
    }
}
