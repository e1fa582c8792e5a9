package io.nbo.service.http;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.CampaignStatus;
import io.nbo.decisioning.campaigns.GroupStats;
import io.nbo.decisioning.campaigns.Lift;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.service.state.StateReader;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/campaigns/:campaignId/stats}: treatment versus control, with lift and 95 % confidence
 * intervals. Conversion counts customers who converted (attributed purchases) among
 * customers exposed (shown an offer, or held out); revenue is what those conversions brought.
 */
public final class CampaignStatsHandler {
    private final StateReader state;
    private final Clock clock;

    public CampaignStatsHandler(StateReader state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    public void stats(RoutingContext ctx) {
        String campaignId = knownCampaign(ctx);
        if (campaignId != null) {
            ctx.json(named(campaignId));
        }
    }

    /**
     * Server-sent events: the stats again whenever the campaign's totals change; ends once it leaves the list. One
     * already gone (deleted, its results still readable by GET) ends at once: a dashboard reconnecting after the
     * removal is told again, instead of following a campaign that no longer runs.
     */
    public void stream(RoutingContext ctx) {
        String campaignId = knownCampaign(ctx);
        if (campaignId != null) {
            ServerSentEvents.stream(ctx, "stats", new JsonObject().put("campaignId", campaignId),
                    () -> state.campaignIds().contains(campaignId) ? named(campaignId) : null);
        }
    }

    /** Every campaign that is defined or named by an offer, with its current stats: the dashboard's list. */
    public void overview(RoutingContext ctx) {
        io.vertx.core.json.JsonArray campaigns = new io.vertx.core.json.JsonArray();
        state.campaignIds().forEach(id -> campaigns.add(named(id)));
        ctx.json(new JsonObject().put("campaigns", campaigns));
    }

    /** The overview as server-sent events over one connection: a campaign's stats when they change, and its removal. */
    public void overviewStream(RoutingContext ctx) {
        ServerSentEvents.streamEach(ctx, "stats", () -> {
            Map<String, JsonObject> byId = new LinkedHashMap<>();
            state.campaignIds().forEach(id -> byId.put(id, named(id)));
            return byId;
        }, "campaignId");
    }

    /** The stats with the campaign's name (its id when it has none) and whether it can show offers now. */
    private JsonObject named(String campaignId) {
        CampaignStats stats = state.campaignStats(campaignId).orElse(CampaignStats.empty(campaignId));
        Campaign defined = state.campaign(campaignId).orElse(null);
        long now = clock.millis();
        java.util.List<io.nbo.schemas.offers.Offer> offers = state.offers().stream()
                .filter(offer -> campaignId.equals(offer.campaignId())).toList();
        CampaignStatus status = CampaignStatus.of(defined, offers.size(),
                offers.stream().filter(offer -> offer.validAt(now)).count(), stats.treatment().presentations(), now);
        JsonObject rendered = render(stats, controlShare(defined, !offers.isEmpty()));
        return new JsonObject().put("campaignId", campaignId)
                .put("name", defined == null ? campaignId : defined.name()).put("status", status.wire())
                .mergeIn(rendered);
    }

    /**
     * The campaign's share now: its own, none for one only named by an offer (no control group), and unknown
     * (null) once it is deleted, since the totals do not say which share they were gathered with.
     */
    private static Double controlShare(Campaign defined, boolean namedByOffers) {
        if (defined != null) {
            return defined.control();
        }
        return namedByOffers ? 0.0 : null;
    }

    private String knownCampaign(RoutingContext ctx) {
        String campaignId = RequestParams.pathId(ctx, "campaignId", "campaign id");
        if (campaignId == null) {
            return null;
        }
        if (state.campaignStats(campaignId).isEmpty() && state.campaign(campaignId).isEmpty()
                && state.offers().stream().noneMatch(offer -> campaignId.equals(offer.campaignId()))) {
            Problems.send(ctx, 404, "campaign-not-found", "Campaign not found", "there is no campaign " + campaignId);
            return null;
        }
        return campaignId;
    }

    static JsonObject render(CampaignStats stats, Double controlShare) {
        GroupStats t = stats.treatment();
        GroupStats c = stats.control();
        JsonObject offers = new JsonObject();
        stats.offers().forEach((offerId, offer) -> offers.put(offerId, new JsonObject()
                .put("impressions", offer.presentations()).put("clicks", offer.clicks())
                .put("accepts", offer.accepts()).put("declines", offer.declines())
                .put("conversions", offer.conversions()).put("revenue", Money.rounded(offer.revenue()))
                .put("acceptRate", offer.presentations() > 0 ? Ratio.shown(offer.acceptRate()) : null)));
        return new JsonObject()
                .put("campaignId", stats.campaignId())
                .put("controlShare", controlShare)
                .put("updatedAt", stats.updatedAt() > 0 ? stats.updatedAt() : null)
                .put("treatment", group(t).put("impressions", t.presentations()).put("clicks", t.clicks())
                        .put("accepts", t.accepts()).put("declines", t.declines())
                        .put("acceptRate", t.presentations() > 0 ? Ratio.shown(t.acceptRate()) : null))
                .put("control", group(c).put("heldOut", c.presentations()))
                .put("lift", new JsonObject()
                        .put("conversionRate", estimate(stats.conversionLift(), Ratio::shown))
                        .put("revenuePerCustomer", estimate(stats.revenueLift(), Money::rounded)))
                .put("offers", offers)
                .put("customersBySegment", new JsonObject()
                        .put("treatment", new JsonObject(new java.util.HashMap<>(t.customersBySegment())))
                        .put("control", new JsonObject(new java.util.HashMap<>(c.customersBySegment()))))
                .put("windows", windows(stats));
    }

    private static io.vertx.core.json.JsonArray windows(CampaignStats stats) {
        io.vertx.core.json.JsonArray windows = new io.vertx.core.json.JsonArray();
        stats.windows().forEach(w -> windows.add(new JsonObject().put("start", w.start())
                .put("impressions", w.impressions()).put("clicks", w.clicks()).put("accepts", w.accepts())
                .put("conversions", w.conversions()).put("revenue", Money.rounded(w.revenue()))
                .put("controlConversions", w.controlConversions()).put("controlRevenue", Money.rounded(w.controlRevenue()))));
        return windows;
    }

    /** A group without customers has no rates: null, not a 0 of 0 that reads as measured. */
    private static JsonObject group(GroupStats g) {
        boolean counted = g.customers() > 0;
        return new JsonObject().put("customers", g.customers()).put("conversions", g.conversions())
                .put("convertingCustomers", g.convertingCustomers())
                .put("conversionRate", counted ? Ratio.shown(g.conversionRate()) : null)
                .put("revenue", Money.rounded(g.revenue()))
                .put("revenuePerCustomer", counted ? Money.rounded(g.revenuePerCustomer()) : null);
    }

    /** {@code shown} rounds the estimate's own unit (a rate, or money per customer) as the groups show it. */
    private static JsonObject estimate(Lift.Estimate e, java.util.function.UnaryOperator<Double> shown) {
        return new JsonObject().put("treatment", e.treatmentSize() > 0 ? shown.apply(e.treatment()) : null)
                .put("control", e.controlSize() > 0 ? shown.apply(e.control()) : null)
                .put("difference", e.compared() ? shown.apply(e.difference()) : null)
                .put("ci95", e.low() == null ? null
                        : new JsonObject().put("low", shown.apply(e.low())).put("high", shown.apply(e.high())))
                .put("relative", e.compared() ? Ratio.shown(e.relative()) : null)
                .put("relativeCi95", e.relativeLow() == null || !e.compared() ? null
                        : new JsonObject().put("low", Ratio.shown(e.relativeLow()))
                                .put("high", Ratio.shown(e.relativeHigh())))
                .put("significant", e.significant())
                .put("treatmentSize", e.treatmentSize()).put("controlSize", e.controlSize());
    }
}
