package io.nbo.decisioning.campaigns;

/** A change to one campaign's totals, produced per customer and summed per campaign. */
public record CampaignUpdate(String campaignId, String offerId, boolean control, int newCustomers,
                             int presentations, int clicks, int accepts, int declines, int conversions,
                             int newConvertingCustomers, double revenue, double revenueSquaresDelta, long at) {

    public static CampaignUpdate of(String campaignId, String offerId, boolean control, long at) {
        return new CampaignUpdate(campaignId, offerId, control, 0, 0, 0, 0, 0, 0, 0, 0, 0, at);
    }

    public CampaignUpdate newCustomer() {
        return new CampaignUpdate(campaignId, offerId, control, 1, presentations, clicks, accepts, declines,
                conversions, newConvertingCustomers, revenue, revenueSquaresDelta, at);
    }

    public CampaignUpdate presentation() {
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations + 1, clicks, accepts,
                declines, conversions, newConvertingCustomers, revenue, revenueSquaresDelta, at);
    }

    public CampaignUpdate outcome(int addClicks, int addAccepts, int addDeclines) {
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations, clicks + addClicks,
                accepts + addAccepts, declines + addDeclines, conversions, newConvertingCustomers, revenue,
                revenueSquaresDelta, at);
    }

    /** A conversion worth {@code value}; {@code previousRevenue} is what this customer had brought the campaign. */
    public CampaignUpdate conversion(double value, double previousRevenue, boolean firstForCustomer) {
        double total = previousRevenue + value;
        return new CampaignUpdate(campaignId, offerId, control, newCustomers, presentations, clicks, accepts,
                declines, conversions + 1, newConvertingCustomers + (firstForCustomer ? 1 : 0), revenue + value,
                revenueSquaresDelta + total * total - previousRevenue * previousRevenue, at);
    }
}
