package io.nbo.load.traffic;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The simulated population: customers {@code lt-0 .. lt-(n-1)}, drawn with Zipf skew ({@code lt-0} is the
 * most active), each leaning towards one catalogue category.
 */
public final class Customers {
    public static final String ID_PREFIX = "lt-";
    /** The demo catalogue's categories, so interest moves real offers up and down. */
    public static final List<String> CATEGORIES = List.of("outdoor", "books", "garden", "electronics", "kitchen",
            "toys", "fashion");

    private final ZipfSampler sampler;

    public Customers(int population, double zipfExponent) {
        this.sampler = new ZipfSampler(population, zipfExponent);
    }

    public int population() {
        return sampler.size();
    }

    /** The index of the next active customer, 0-based. */
    public int next(RandomGenerator random) {
        return sampler.sample(random) - 1;
    }

    public static String id(int index) {
        return ID_PREFIX + index;
    }

    /** Mostly the customer's favourite category, sometimes any other. */
    public static String category(int index, RandomGenerator random) {
        if (random.nextDouble() < 0.7) {
            return CATEGORIES.get(index % CATEGORIES.size());
        }
        return CATEGORIES.get(random.nextInt(CATEGORIES.size()));
    }
}
