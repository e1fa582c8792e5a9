package io.nbo.decisioning.campaigns;

/** A change to one campaign's totals, produced per customer and summed per campaign. */
public record CampaignUpdate(String campaignId, String offerId, boolean control, int newCustomers,
                             int presentations, int clicks, int accepts, int declines, int conversions,
                             int newConvertingCustomers, double revenue, double revenueSquaresDelta, long at,
                             java.util.List<String> customerSegments, boolean outsideGroups) {

    public CampaignUpdate {
        customerSegments = customerSegments == null ? java.util.List.of() : java.util.List.copyOf(customerSegments);
    }

    /**
     * Updates with equal keys may be {@link #plus summed}: the same campaign, offer, group, minute window and
     * new customers' segments.
     */
    public String summingKey() {
        return campaignId + '\n' + offerId + '\n' + control + '\n' + Math.floorDiv(at, CampaignStats.WINDOW_MILLIS)
                + '\n' + String.join("\t", customerSegments) + '\n' + outsideGroups;
    }

    /** Both changes as one, dated at the later of the two; {@code customerSegments} count each new customer. */
    public CampaignUpdate plus(CampaignUpdate other) {
        return new CampaignUpdate(campaignId, offerId, control, newCustomers + other.newCustomers,
                presentations + other.presentations, clicks + other.clicks, accepts + other.accepts,
                declines + other.declines, conversions + other.conversions,
                newConvertingCustomers + other.newConvertingCustomers, revenue + other.revenue,
                revenueSquaresDelta + other.revenueSquaresDelta, Math.max(at, other.at), customerSegments,
                outsideGroups);
    }

    public static CampaignUpdate of(String campaignId, String offerId, boolean control, long at) {
        return new CampaignUpdate(campaignId, offerId, control, 0, 0, 0, 0, 0, 0, 0, 0, 0, at, null, false);
    }

    /** Dated no later than {@code now}: a client clock ahead of ours would move the live windows and totals' time. */
    public CampaignUpdate notAfter(long now) {
        return at <= now ? this : at(now);
    }

    /** The same change, dated {@code time}. */
    public CampaignUpdate at(long time) {
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations, clicks, accepts, declines,
                conversions, newConvertingCustomers, revenue, revenueSquaresDelta, time, customerSegments,
                outsideGroups);
    }

    /**
     * The same change, for a customer who belongs to neither group any more (a control customer treated once the
     * hold-out ended): it counts for the offer's totals (caps, inventory), not for the comparison.
     */
    public CampaignUpdate outside() {
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations, clicks, accepts, declines,
                conversions, newConvertingCustomers, revenue, revenueSquaresDelta, at, customerSegments, true);
    }

    /**
     * Takes one customer out of a group: a login showed that two ids the campaign counted apart are one person.
     * {@code converting}: that customer was counted as converting; {@code revenue} and {@code revenueSquaresDelta}
     * change the group's sums to match; {@code segments}: the breakdown entries that customer was counted under.
     */
    public static CampaignUpdate customerRemoved(String campaignId, boolean control, boolean converting, double revenue,
            double revenueSquaresDelta, java.util.List<String> segments, long at) {
        return new CampaignUpdate(campaignId, null, control, -1, 0, 0, 0, 0, 0, converting ? -1 : 0, revenue,
                revenueSquaresDelta, at, segments, false);
    }

    /** Counts who is in a group, not what happened when: no live window shows it. */
    public boolean removesCustomer() {
        return newCustomers < 0;
    }

    public CampaignUpdate newCustomer() {
        return newCustomer(java.util.List.of());
    }

    /** A customer seen by the campaign for the first time, counted also under each of their segments. */
    public CampaignUpdate newCustomer(java.util.List<String> segments) {
        return new CampaignUpdate(campaignId, offerId, control, 1, presentations, clicks, accepts, declines,
                conversions, newConvertingCustomers, revenue, revenueSquaresDelta, at, segments, outsideGroups);
    }

    public CampaignUpdate presentation() {
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations + 1, clicks, accepts,
                declines, conversions, newConvertingCustomers, revenue, revenueSquaresDelta, at, customerSegments,
                outsideGroups);
    }

    public CampaignUpdate outcome(int addClicks, int addAccepts, int addDeclines) {
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations, clicks + addClicks,
                accepts + addAccepts, declines + addDeclines, conversions, newConvertingCustomers, revenue,
                revenueSquaresDelta, at, customerSegments, outsideGroups);
    }

    /**
     * A refund taking {@code value} back from a conversion; {@code previousRevenue} is what this customer had
     * brought the campaign before it. {@code reversesConversion}: the conversion's order was refunded in full;
     * {@code lastForCustomer}: the customer has no other conversion left in the campaign.
     */
    public CampaignUpdate refund(double value, double previousRevenue, boolean reversesConversion,
                                 boolean lastForCustomer) {
        double total = Math.max(0, previousRevenue - value);
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations, clicks, accepts,
                declines, conversions - (reversesConversion ? 1 : 0),
                newConvertingCustomers - (lastForCustomer ? 1 : 0), revenue - value,
                revenueSquaresDelta + total * total - previousRevenue * previousRevenue, at, customerSegments,
                outsideGroups);
    }

    /** A conversion worth {@code value}; {@code previousRevenue} is what this customer had brought the campaign. */
    public CampaignUpdate conversion(double value, double previousRevenue, boolean firstForCustomer) {
        double total = previousRevenue + value;
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations, clicks, accepts,
                declines, conversions + 1, newConvertingCustomers + (firstForCustomer ? 1 : 0), revenue + value,
                revenueSquaresDelta + total * total - previousRevenue * previousRevenue, at, customerSegments,
                outsideGroups);
    }
}
