package io.nbo.decisioning.profile;

/**
 * Interest in one category: a weight that halves every half-life. Stored with the time it was last
 * brought up to date, so no timer is needed to decay it.
 */
public record Affinity(double weight, long asOf) {

    /** The weight as it stands at {@code time} (never grows when looking backwards). */
    public double weightAt(long time, long halfLifeMillis) {
        long elapsed = Math.max(0, time - asOf);
        return weight * Math.pow(0.5, (double) elapsed / halfLifeMillis);
    }

    /** Adds {@code amount} observed at {@code time}, which may be older than {@link #asOf} (late events). */
    public Affinity plus(double amount, long time, long halfLifeMillis) {
        if (time >= asOf) {
            return new Affinity(Math.max(0, weightAt(time, halfLifeMillis) + amount), time);
        }
        double lateAmount = amount * Math.pow(0.5, (double) (asOf - time) / halfLifeMillis);
        return new Affinity(Math.max(0, weight + lateAmount), asOf);
    }
}
