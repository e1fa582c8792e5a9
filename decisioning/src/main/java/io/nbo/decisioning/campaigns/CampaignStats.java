package io.nbo.decisioning.campaigns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything counted for one campaign: both groups, and per offer the totals caps and inventory need. */
public record CampaignStats(String campaignId, GroupStats treatment, GroupStats control,
                            Map<String, GroupStats> offers, long updatedAt, List<Window> windows) {
    /** One-minute windows are kept for the last hour: the live charts' time axis. */
    public static final long WINDOW_MILLIS = 60_000;
    public static final int WINDOWS_KEPT = 60;

    public CampaignStats {
        treatment = treatment == null ? GroupStats.NONE : treatment;
        control = control == null ? GroupStats.NONE : control;
        offers = offers == null ? Map.of() : Map.copyOf(offers);
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    public static CampaignStats empty(String campaignId) {
        return new CampaignStats(campaignId, GroupStats.NONE, GroupStats.NONE, Map.of(), 0, List.of());
    }

    /** Counts within one event-time minute, treatment and control. */
    public record Window(long start, long impressions, long clicks, long accepts, long conversions, double revenue,
                         long controlConversions, double controlRevenue) {
        Window plus(CampaignUpdate u) {
            return u.control()
                    ? new Window(start, impressions, clicks, accepts, conversions, revenue,
                    controlConversions + u.conversions(), controlRevenue + u.revenue())
                    : new Window(start, impressions + u.presentations(), clicks + u.clicks(), accepts + u.accepts(),
                    conversions + u.conversions(), revenue + u.revenue(), controlConversions, controlRevenue);
        }
    }

    public CampaignStats with(CampaignUpdate update) {
        Map<String, GroupStats> perOffer = new HashMap<>(offers);
        if (update.offerId() != null && !update.control()) {
            perOffer.put(update.offerId(), perOffer.getOrDefault(update.offerId(), GroupStats.NONE).plus(update));
        }
        if (update.outsideGroups()) {
            // Counted for the offer's caps and inventory only: the groups compare customers who stayed in them.
            return new CampaignStats(campaignId, treatment, control, perOffer, Math.max(updatedAt, update.at()), windows);
        }
        return new CampaignStats(campaignId, update.control() ? treatment : treatment.plus(update),
                update.control() ? control.plus(update) : control, perOffer, Math.max(updatedAt, update.at()),
                update.removesCustomer() ? windows : windowsWith(update));
    }

    private List<Window> windowsWith(CampaignUpdate update) {
        long start = update.at() - Math.floorMod(update.at(), WINDOW_MILLIS);
        TreeMap<Long, Window> byStart = new TreeMap<>();
        windows.forEach(w -> byStart.put(w.start(), w));
        byStart.put(start, byStart.getOrDefault(start, new Window(start, 0, 0, 0, 0, 0, 0, 0)).plus(update));
        while (byStart.size() > WINDOWS_KEPT) {
            byStart.pollFirstEntry();
        }
        return new ArrayList<>(byStart.values());
    }

    /** Treatment's conversion rate (converting customers per customer) against control's. */
    public Lift.Estimate conversionLift() {
        return Lift.ofProportions(treatment.convertingCustomers(), treatment.customers(),
                control.convertingCustomers(), control.customers());
    }

    /** Treatment's revenue per customer against control's. */
    public Lift.Estimate revenueLift() {
        return Lift.ofMeans(treatment.revenue(), treatment.revenueSquares(), treatment.customers(),
                control.revenue(), control.revenueSquares(), control.customers());
    }

    public GroupStats offer(String offerId) {
        return offers.getOrDefault(offerId, GroupStats.NONE);
    }
}
