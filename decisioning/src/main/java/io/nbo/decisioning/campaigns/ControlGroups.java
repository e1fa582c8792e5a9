package io.nbo.decisioning.campaigns;

import io.nbo.schemas.campaigns.Campaign;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sticky, deterministic control-group assignment: SHA-256 of the campaign salt and the customer id, read as
 * a number in [0, 1), compared with the control share. Same customer, salt and share: same group, on every
 * instance, for the campaign's life; raising the share only moves customers from treatment into control.
 */
public final class ControlGroups {
    private ControlGroups() {
    }

    public static boolean inControl(String customerId, Campaign campaign) {
        return campaign.control() > 0 && position(campaign.controlSalt(), customerId) < campaign.control();
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
