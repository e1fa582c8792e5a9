package io.nbo.decisioning.campaigns;

import java.util.HashMap;
import java.util.Map;

/** Everything counted for one campaign: both groups, and per offer the totals caps and inventory need. */
public record CampaignStats(String campaignId, GroupStats treatment, GroupStats control,
                            Map<String, GroupStats> offers, long updatedAt) {
    public CampaignStats {
        treatment = treatment == null ? GroupStats.NONE : treatment;
        control = control == null ? GroupStats.NONE : control;
        offers = offers == null ? Map.of() : Map.copyOf(offers);
    }

    public static CampaignStats empty(String campaignId) {
        return new CampaignStats(campaignId, GroupStats.NONE, GroupStats.NONE, Map.of(), 0);
    }

    public CampaignStats with(CampaignUpdate update) {
        Map<String, GroupStats> perOffer = new HashMap<>(offers);
        if (update.offerId() != null && !update.control()) {
            perOffer.put(update.offerId(), perOffer.getOrDefault(update.offerId(), GroupStats.NONE).plus(update));
        }
        return new CampaignStats(campaignId, update.control() ? treatment : treatment.plus(update),
                update.control() ? control.plus(update) : control, perOffer, Math.max(updatedAt, update.at()));
    }

    public GroupStats offer(String offerId) {
        return offers.getOrDefault(offerId, GroupStats.NONE);
    }
}
