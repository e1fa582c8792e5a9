package io.nbo.topology;

import io.nbo.decisioning.profile.ProfileRules;
import java.time.Duration;

/**
 * Everything the topology's shape and behaviour depend on. {@code dedupWindow} is how long an event id is
 * remembered after it first arrived: a duplicate arriving later than that is applied again.
 * {@code attributionWindow}: a purchase this long after a presentation can still be its conversion.
 * {@code forgettingHalfLife}: learned evidence halves in weight this often.
 */
public record TopologyConfig(ProfileRules profileRules, Duration dedupWindow, Duration attributionWindow,
                             Duration forgettingHalfLife) {
    public static TopologyConfig defaults() {
        return new TopologyConfig(ProfileRules.defaults(), Duration.ofDays(7), Duration.ofHours(24),
                Duration.ofDays(14));
    }

    public TopologyConfig {
        for (Duration duration : new Duration[]{dedupWindow, attributionWindow, forgettingHalfLife}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("topology durations must be positive");
            }
        }
    }
}
