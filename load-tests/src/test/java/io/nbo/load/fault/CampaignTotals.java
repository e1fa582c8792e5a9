package io.nbo.load.fault;

import com.fasterxml.jackson.databind.JsonNode;

/** A campaign's treatment totals: the numbers that must come out exact, however often instances die. */
record CampaignTotals(long customers, long impressions, long clicks, long accepts, long declines, long conversions,
                      long convertingCustomers, double revenue) {
    static final CampaignTotals NONE = new CampaignTotals(0, 0, 0, 0, 0, 0, 0, 0);

    /** From a treatment group as the stats route renders it ({@code impressions}). */
    static CampaignTotals fromRoute(JsonNode treatment) {
        return new CampaignTotals(treatment.path("customers").asLong(), treatment.path("impressions").asLong(),
                treatment.path("clicks").asLong(), treatment.path("accepts").asLong(),
                treatment.path("declines").asLong(), treatment.path("conversions").asLong(),
                treatment.path("convertingCustomers").asLong(), treatment.path("revenue").asDouble());
    }

    /** From a treatment group as stored and published ({@code presentations}), or a campaign update's deltas. */
    static CampaignTotals fromStore(JsonNode group) {
        return new CampaignTotals(group.path("customers").asLong(group.path("newCustomers").asLong()),
                group.path("presentations").asLong(), group.path("clicks").asLong(), group.path("accepts").asLong(),
                group.path("declines").asLong(), group.path("conversions").asLong(),
                group.path("convertingCustomers").asLong(group.path("newConvertingCustomers").asLong()),
                group.path("revenue").asDouble());
    }

    CampaignTotals plus(CampaignTotals other) {
        return new CampaignTotals(customers + other.customers, impressions + other.impressions,
                clicks + other.clicks, accepts + other.accepts, declines + other.declines,
                conversions + other.conversions, convertingCustomers + other.convertingCustomers,
                revenue + other.revenue);
    }
}
