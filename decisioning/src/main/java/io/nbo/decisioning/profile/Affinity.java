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

    /**
     * Adds {@code amount} observed at {@code time}, which may be older than {@link #asOf} (late events). A negative
     * amount (a refund, an item taken out of the cart) takes back at most half of the interest: a refund of a
     * month-old order must not erase what the customer browsed in the category this morning.
     */
    public Affinity plus(double amount, long time, long halfLifeMillis) {
        boolean late = time < asOf;
        double current = late ? weight : weightAt(time, halfLifeMillis);
        double added = late ? amount * Math.pow(0.5, (double) (asOf - time) / halfLifeMillis) : amount;
        double next = added >= 0 ? current + added : Math.max(current / 2, current + added);
        return new Affinity(next, late ? asOf : time);
    }
}
