package io.nbo.service.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.GroupStats;
import io.nbo.decisioning.campaigns.Lift;
import io.nbo.service.state.StateReader;
import io.nbo.service.state.StateUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * Each campaign's groups and lift as gauges, for charts and alerts beside the other metrics: the same figures
 * as {@code GET /v1/campaigns/{id}/stats}, one set of series per listed campaign. Campaign totals are a global
 * table, so every instance reports every campaign; dashboards take one instance's value
 * ({@code max by (campaign, ...)}), never the sum. Read when scraped, at most every {@link #REFRESH_NANOS}:
 * anyone may scrape, and each read goes through every campaign.
 */
public final class CampaignMetrics {
    static final long REFRESH_NANOS = 5_000_000_000L;
    private final StateReader state;
    private final MultiGauge customers;
    private final MultiGauge convertingCustomers;
    private final MultiGauge revenue;
    private final MultiGauge conversionLift;
    private final MultiGauge revenueLift;
    private long refreshedAt;
    private boolean refreshed;

    public CampaignMetrics(StateReader state, MeterRegistry registry) {
        this.state = state;
        this.customers = MultiGauge.builder("nbo.campaign.customers")
                .description("Customers in the campaign's group: shown one of its offers (treatment) or held out")
                .register(registry);
        this.convertingCustomers = MultiGauge.builder("nbo.campaign.converting.customers")
                .description("Customers of the group who converted (an attributed purchase: both groups make purchases, only the treated could send a convert response)")
                .register(registry);
        this.revenue = MultiGauge.builder("nbo.campaign.revenue")
                .description("Revenue the group's conversions brought")
                .register(registry);
        this.conversionLift = MultiGauge.builder("nbo.campaign.conversion.rate.lift")
                .description("Treatment's conversion rate minus control's (bound difference; NaN while a group has "
                        + "no customer) and its 95 % interval (bounds low and high; NaN until both groups have two "
                        + "customers and some spread)")
                .register(registry);
        this.revenueLift = MultiGauge.builder("nbo.campaign.revenue.per.customer.lift")
                .description("Treatment's revenue per customer minus control's, in the currency of the purchases, "
                        + "with its 95 % interval, as the conversion rate's")
                .register(registry);
    }

    /**
     * Reads every listed campaign's totals, unless that was done less than {@link #REFRESH_NANOS} ago; a campaign
     * no longer listed loses its series. The caller serialises the scrape that follows with it. While the
     * stores cannot be read (starting, rebalancing) the last figures stay.
     */
    public synchronized void refresh() {
        long now = System.nanoTime();
        if (refreshed && now - refreshedAt < REFRESH_NANOS) {
            return;
        }
        try {
            update();
            refreshed = true;
            refreshedAt = now;
        } catch (StateUnavailableException e) {
            // Scraped again in a few seconds; a gap in every campaign's series would read as a reset.
        }
    }

    private void update() {
        List<MultiGauge.Row<?>> groups = new ArrayList<>();
        List<MultiGauge.Row<?>> converting = new ArrayList<>();
        List<MultiGauge.Row<?>> revenues = new ArrayList<>();
        List<MultiGauge.Row<?>> conversionLifts = new ArrayList<>();
        List<MultiGauge.Row<?>> revenueLifts = new ArrayList<>();
        for (String campaignId : state.campaignIds()) {
            CampaignStats stats = state.campaignStats(campaignId).orElse(CampaignStats.empty(campaignId));
            for (var group : List.of(java.util.Map.entry("treatment", stats.treatment()),
                    java.util.Map.entry("control", stats.control()))) {
                Tags tags = Tags.of("campaign", campaignId, "group", group.getKey());
                GroupStats counted = group.getValue();
                groups.add(MultiGauge.Row.of(tags, counted.customers()));
                converting.add(MultiGauge.Row.of(tags, counted.convertingCustomers()));
                revenues.add(MultiGauge.Row.of(tags, counted.revenue()));
            }
            addLift(conversionLifts, campaignId, stats.conversionLift());
            addLift(revenueLifts, campaignId, stats.revenueLift());
        }
        customers.register(groups, true);
        convertingCustomers.register(converting, true);
        revenue.register(revenues, true);
        conversionLift.register(conversionLifts, true);
        revenueLift.register(revenueLifts, true);
    }

    /** While either group has no customer there is nothing to compare: NaN, not the other group's rate. */
    private static void addLift(List<MultiGauge.Row<?>> rows, String campaignId, Lift.Estimate e) {
        Tags tags = Tags.of("campaign", campaignId);
        rows.add(MultiGauge.Row.of(tags.and("bound", "difference"), e.compared() ? e.difference() : Double.NaN));
        rows.add(MultiGauge.Row.of(tags.and("bound", "low"), e.low() == null ? Double.NaN : e.low()));
        rows.add(MultiGauge.Row.of(tags.and("bound", "high"), e.high() == null ? Double.NaN : e.high()));
    }
}
