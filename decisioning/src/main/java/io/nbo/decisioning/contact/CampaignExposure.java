package io.nbo.decisioning.contact;

/**
 * The customer's standing in one campaign: group, first exposure, and what the campaign has earned from them.
 * {@code crossed}: a control customer who was shown the campaign's offers once its hold-out ended; they belong
 * to neither group from then on.
 */
public record CampaignExposure(boolean control, long firstAt, boolean converted, double revenue, boolean crossed) {
    public CampaignExposure(boolean control, long firstAt, boolean converted, double revenue) {
        this(control, firstAt, converted, revenue, false);
    }

    CampaignExposure crossedOver() {
        return new CampaignExposure(control, firstAt, converted, revenue, true);
    }
}
