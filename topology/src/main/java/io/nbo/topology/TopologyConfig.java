package io.nbo.topology;

import io.nbo.decisioning.profile.ProfileRules;
import java.time.Duration;

/**
 * Everything the topology's shape and behaviour depend on. {@code dedupWindow} is how long an event id is
 * remembered: a duplicate arriving later than that after the original is applied again.
 */
public record TopologyConfig(ProfileRules profileRules, Duration dedupWindow) {
    public static TopologyConfig defaults() {
        return new TopologyConfig(ProfileRules.defaults(), Duration.ofDays(7));
    }

    public TopologyConfig {
        if (dedupWindow.isNegative() || dedupWindow.isZero()) {
            throw new IllegalArgumentException("dedupWindow must be positive");
        }
    }
}
