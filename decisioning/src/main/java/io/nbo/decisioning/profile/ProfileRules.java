package io.nbo.decisioning.profile;

import java.time.Duration;

/**
 * How events shape a profile: how fast interest fades, how much context is kept, and how much each kind
 * of behaviour says about interest in a category.
 */
public record ProfileRules(Duration affinityHalfLife, int recentPagesKept, int categoriesKept,
                           double viewWeight, double productViewWeight, double cartWeight,
                           double purchaseWeight, double refundWeight) {

    public static ProfileRules defaults() {
        return new ProfileRules(Duration.ofDays(14), 10, 24, 1, 2, 4, 8, -4);
    }

    public ProfileRules {
        if (affinityHalfLife.isNegative() || affinityHalfLife.isZero()) {
            throw new IllegalArgumentException("affinity half-life must be positive");
        }
        if (recentPagesKept < 1 || categoriesKept < 1) {
            throw new IllegalArgumentException("recentPagesKept and categoriesKept must be at least 1");
        }
    }

    public long halfLifeMillis() {
        return affinityHalfLife.toMillis();
    }
}
