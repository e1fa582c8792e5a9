package io.nbo.decisioning.decision;

import io.nbo.decisioning.profile.Affinity;
import io.nbo.decisioning.profile.CustomerProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * A customer's current interest per category, decayed to one moment, computed once per decision. A category
 * whose weight has decayed below {@link #FADED_BELOW} is left out: a share of what is left of interest long
 * gone would call a lapsed customer's last purchase, months old, "all of recent browsing".
 *
 * @param faded whether the profile has interests, but all of them have faded
 */
public record Interest(Map<String, Double> weights, double total, boolean faded) {
    /** One page view's weight after about 3.3 half-lives, a purchase's after about 6.3 (46 and 88 days by default). */
    public static final double FADED_BELOW = 0.1;

    public static Interest of(CustomerProfile profile, long now, long halfLifeMillis) {
        Map<String, Double> weights = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, Affinity> entry : profile.affinities().entrySet()) {
            double weight = entry.getValue().weightAt(now, halfLifeMillis);
            if (weight >= FADED_BELOW) {
                weights.put(entry.getKey(), weight);
                total += weight;
            }
        }
        return new Interest(Map.copyOf(weights), total, weights.isEmpty() && !profile.affinities().isEmpty());
    }

    public double shareOf(String category) {
        return total <= 0 || category == null ? 0 : weights.getOrDefault(category, 0.0) / total;
    }

    public boolean none() {
        return total <= 0;
    }

    /** The category with the largest share, or null with no current interest at all. */
    public String top() {
        return weights.entrySet().stream().filter(e -> e.getValue() > 0).max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(null);
    }
}
