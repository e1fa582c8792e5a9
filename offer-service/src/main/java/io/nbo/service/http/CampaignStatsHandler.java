package io.nbo.service.http;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.GroupStats;
import io.nbo.decisioning.campaigns.Lift;
import io.nbo.service.state.StateReader;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/campaigns/:campaignId/stats}: treatment versus control, with lift and 95 % confidence
 * intervals. Conversion counts customers who converted (attributed purchases or convert responses) among
 * customers exposed (shown an offer, or held out); revenue is what those conversions brought.
 */
public final class CampaignStatsHandler {
    private final StateReader state;

    public CampaignStatsHandler(StateReader state) {
        this.state = state;
    }

    public void stats(RoutingContext ctx) {
        String campaignId = ctx.pathParam("campaignId");
        if (!RequestParams.isId(campaignId)) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid campaign id",
                    "campaignId must be 1-128 characters of letters, digits and ._:@/+=-");
            return;
        }
        CampaignStats stats = state.campaignStats(campaignId).orElse(null);
        if (stats == null) {
            if (state.campaign(campaignId).isEmpty() && state.offers().stream()
                    .noneMatch(offer -> campaignId.equals(offer.campaignId()))) {
                Problems.send(ctx, 404, "campaign-not-found", "Campaign not found",
                        "there is no campaign " + campaignId);
                return;
            }
            stats = CampaignStats.empty(campaignId);
        }
        ctx.json(render(stats, state.campaign(campaignId).map(c -> c.control()).orElse(0.0)));
    }

    static JsonObject render(CampaignStats stats, double controlShare) {
        GroupStats t = stats.treatment();
        GroupStats c = stats.control();
        JsonObject offers = new JsonObject();
        stats.offers().forEach((offerId, offer) -> offers.put(offerId, new JsonObject()
                .put("impressions", offer.presentations()).put("clicks", offer.clicks())
                .put("accepts", offer.accepts()).put("declines", offer.declines())
                .put("conversions", offer.conversions()).put("revenue", offer.revenue())
                .put("acceptRate", offer.acceptRate())));
        return new JsonObject()
                .put("campaignId", stats.campaignId())
                .put("controlShare", controlShare)
                .put("updatedAt", stats.updatedAt())
                .put("treatment", group(t).put("impressions", t.presentations()).put("clicks", t.clicks())
                        .put("accepts", t.accepts()).put("declines", t.declines()).put("acceptRate", t.acceptRate()))
                .put("control", group(c).put("heldOut", c.presentations()))
                .put("lift", new JsonObject()
                        .put("conversionRate", estimate(Lift.ofProportions(t.convertingCustomers(), t.customers(),
                                c.convertingCustomers(), c.customers())))
                        .put("revenuePerCustomer", estimate(Lift.ofMeans(t.revenue(), t.revenueSquares(),
                                t.customers(), c.revenue(), c.revenueSquares(), c.customers()))))
                .put("offers", offers);
    }

    private static JsonObject group(GroupStats g) {
        return new JsonObject().put("customers", g.customers()).put("conversions", g.conversions())
                .put("convertingCustomers", g.convertingCustomers()).put("conversionRate", g.conversionRate())
                .put("revenue", g.revenue()).put("revenuePerCustomer", g.revenuePerCustomer());
    }

    private static JsonObject estimate(Lift.Estimate e) {
        return new JsonObject().put("treatment", e.treatment()).put("control", e.control())
                .put("difference", e.difference())
                .put("ci95", new JsonObject().put("low", e.low()).put("high", e.high()))
                .put("relative", e.relative())
                .put("relativeCi95", e.relative() == null ? null
                        : new JsonObject().put("low", e.relativeLow()).put("high", e.relativeHigh()))
                .put("significant", e.significant())
                .put("treatmentSize", e.treatmentSize()).put("controlSize", e.controlSize());
    }
}
