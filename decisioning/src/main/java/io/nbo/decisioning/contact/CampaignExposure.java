package io.nbo.decisioning.contact;

import java.util.List;

/**
 * The customer's standing in one campaign: group, first exposure, and what the campaign has earned from them.
 * {@code crossed}: a control customer who was shown the campaign's offers once its hold-out ended; they belong
 * to neither group from then on. {@code segments}: the breakdown entries the customer was counted under at first
 * exposure (relationship stage and value tier), so a login that counts two ids as one takes one entry back.
 */
public record CampaignExposure(boolean control, long firstAt, boolean converted, double revenue, boolean crossed,
                               List<String> segments) {
    public CampaignExposure {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public CampaignExposure(boolean control, long firstAt, boolean converted, double revenue, boolean crossed) {
        this(control, firstAt, converted, revenue, crossed, null);
    }

    public CampaignExposure(boolean control, long firstAt, boolean converted, double revenue) {
        this(control, firstAt, converted, revenue, false);
    }

    CampaignExposure crossedOver() {
        return new CampaignExposure(control, firstAt, converted, revenue, true, segments);
    }

    /** The same standing with what the campaign now earns from the customer. */
    CampaignExposure earning(boolean converting, double total) {
        return new CampaignExposure(control, firstAt, converting, total, crossed, segments);
    }
}
