package io.nbo.decisioning.campaigns;

/**
 * Totals for one group (treatment or control) of a campaign. {@code presentations} are offers shown
 * (treatment) or held back (control); {@code revenueSquares} is the sum over customers of the square of each
 * customer's attributed revenue, so revenue per customer has a variance for its confidence interval;
 * {@code customersBySegment} counts customers by relationship stage and value tier at first exposure.
 */
public record GroupStats(long customers, long presentations, long clicks, long accepts, long declines,
                         long conversions, long convertingCustomers, double revenue, double revenueSquares,
                         java.util.Map<String, Long> customersBySegment) {
    public static final GroupStats NONE = new GroupStats(0, 0, 0, 0, 0, 0, 0, 0, 0, java.util.Map.of());

    public GroupStats {
        customersBySegment = customersBySegment == null ? java.util.Map.of() : java.util.Map.copyOf(customersBySegment);
    }

    public GroupStats plus(CampaignUpdate u) {
        java.util.Map<String, Long> segments = customersBySegment;
        if (!u.customerSegments().isEmpty()) {
            java.util.Map<String, Long> counted = new java.util.TreeMap<>(customersBySegment);
            // Each listed segment is that of every new customer the update counts (summed updates count several),
            // or of the one customer a login's correction takes away.
            long customersCounted = u.removesCustomer() ? -1 : Math.max(1, u.newCustomers());
            // An entry taken back to none goes: the breakdown lists the segments the group has customers in.
            u.customerSegments().forEach(segment -> counted.merge(segment, customersCounted,
                    (were, change) -> were + change == 0 ? null : were + change));
            segments = counted;
        }
        return new GroupStats(customers + u.newCustomers(), presentations + u.presentations(), clicks + u.clicks(),
                accepts + u.accepts(), declines + u.declines(), conversions + u.conversions(),
                convertingCustomers + u.newConvertingCustomers(), revenue + u.revenue(),
                revenueSquares + u.revenueSquaresDelta(), segments);
    }

    public double acceptRate() {
        return presentations == 0 ? 0 : (double) accepts / presentations;
    }

    public double conversionRate() {
        return customers <= 0 ? 0 : (double) convertingCustomers / customers;
    }

    public double revenuePerCustomer() {
        return customers == 0 ? 0 : revenue / customers;
    }
}
