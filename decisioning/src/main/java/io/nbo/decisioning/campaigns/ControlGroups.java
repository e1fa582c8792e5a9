package io.nbo.decisioning.campaigns;

import io.nbo.decisioning.contact.CampaignExposure;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.schemas.campaigns.Campaign;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sticky, deterministic control-group assignment. A customer the campaign has not met yet is placed by SHA-256
 * of the campaign salt and the customer id, read as a number in [0, 1), compared with the control share: the
 * same answer on every instance. A customer it has met stays in the group they were counted in, so a changed
 * share applies to newcomers only and both groups keep one population each; a share of 0 ends the hold-out, and
 * control customers shown the offers then stay out of control when a share is set again.
 */
public final class ControlGroups {
    private ControlGroups() {
    }

    /** The group of a customer the campaign meets for the first time. */
    public static boolean inControl(String customerId, Campaign campaign) {
        return campaign.control() > 0 && position(campaign.controlSalt(), customerId) < campaign.control();
    }

    /** The group of a customer whose contact history may record an earlier exposure to the campaign. */
    public static boolean inControl(String customerId, Campaign campaign, ContactHistory history) {
        if (campaign.control() <= 0) {
            return false;
        }
        CampaignExposure met = history == null ? null : history.campaigns().get(campaign.campaignId());
        // A control customer shown the offers while the hold-out had ended is treated now, whatever the share.
        return met != null ? met.control() && !met.crossed() : inControl(customerId, campaign);
    }

    static double position(String salt, String customerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((salt + "|" + customerId).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
