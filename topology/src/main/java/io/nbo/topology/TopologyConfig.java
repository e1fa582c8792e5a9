package io.nbo.topology;

import io.nbo.decisioning.profile.ProfileRules;
import java.time.Duration;

/**
 * Everything the topology's shape and behaviour depend on. {@code dedupWindow} is how long an event id is
 * remembered after it first arrived: a duplicate arriving later than that is applied again.
 * {@code attributionWindow}: a purchase this long after a presentation can still be its conversion.
 * {@code forgettingHalfLife}: learned evidence halves in weight this often.
 * {@code subjectPartitions}: the partitions of the topics keyed by customer, where each customer's state lives.
 */
public record TopologyConfig(ProfileRules profileRules, Duration dedupWindow, Duration attributionWindow,
                             Duration forgettingHalfLife, int subjectPartitions) {
    public static TopologyConfig defaults() {
        return new TopologyConfig(ProfileRules.defaults(), Duration.ofDays(7), Duration.ofHours(24),
                Duration.ofDays(14), 1);
    }

    public TopologyConfig {
        if (subjectPartitions < 1) {
            throw new IllegalArgumentException("subjectPartitions must be at least 1");
        }
        for (Duration duration : new Duration[]{dedupWindow, attributionWindow, forgettingHalfLife}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("topology durations must be positive");
            }
        }
    }
}
