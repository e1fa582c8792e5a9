package io.nbo.decisioning.campaigns;

import io.nbo.schemas.campaigns.Campaign;

/**
 * Whether a campaign can show offers now, and if not, why: what a marketer looks for first on a campaign's
 * figures, since numbers that stopped moving mean something else for a paused campaign than for a live one.
 */
public enum CampaignStatus {
    /** Defined (or named by an offer) and inside its dates, with room under its volume cap. */
    RUNNING("running"),
    /** Its {@code validFrom} is still ahead. */
    SCHEDULED("scheduled"),
    /** Its {@code validTo} has passed. */
    ENDED("ended"),
    /** Its offers have been shown {@code volumeCap} times. */
    VOLUME_CAP_REACHED("volume-cap-reached"),
    /** No offer naming it is within its own dates now (none names it, or all have ended or not started). */
    NO_OFFERS("no-offers"),
    /** Neither defined nor named by an offer: only its recorded results remain. */
    DELETED("deleted");

    private final String wire;

    CampaignStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /**
     * @param defined   the campaign's settings, null when only offers name it or it was deleted
     * @param offers    how many offers of the catalogue name it
     * @param showable  how many of those are within their own dates now
     * @param presented treatment presentations counted so far (what its volume cap is measured against)
     */
    public static CampaignStatus of(Campaign defined, long offers, long showable, long presented, long now) {
        if (defined == null && offers == 0) {
            return DELETED;
        }
        if (defined != null && defined.validTo() != null && defined.validTo() <= now) {
            return ENDED;
        }
        if (defined != null && defined.validFrom() != null && now < defined.validFrom()) {
            return SCHEDULED;
        }
        if (showable == 0) {
            return NO_OFFERS;
        }
        if (defined != null && defined.volumeCap() != null && presented >= defined.volumeCap()) {
            return VOLUME_CAP_REACHED;
        }
        return RUNNING;
    }
}
