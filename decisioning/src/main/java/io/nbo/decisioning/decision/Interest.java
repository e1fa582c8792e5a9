package io.nbo.decisioning.decision;

import io.nbo.decisioning.profile.Affinity;
import io.nbo.decisioning.profile.CustomerProfile;
import java.util.HashMap;
import java.util.Map;

/** A customer's interest per category decayed to one moment, computed once per decision. */
public record Interest(Map<String, Double> weights, double total) {

    public static Interest of(CustomerProfile profile, long now, long halfLifeMillis) {
        Map<String, Double> weights = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, Affinity> entry : profile.affinities().entrySet()) {
            double weight = entry.getValue().weightAt(now, halfLifeMillis);
            weights.put(entry.getKey(), weight);
            total += weight;
        }
        return new Interest(Map.copyOf(weights), total);
    }

    public double shareOf(String category) {
        return total <= 0 || category == null ? 0 : weights.getOrDefault(category, 0.0) / total;
    }

    public boolean none() {
        return total <= 0;
    }

    /** The category with the largest share, or null with no interest at all. */
    public String top() {
        return weights.entrySet().stream().filter(e -> e.getValue() > 0).max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(null);
    }
}
