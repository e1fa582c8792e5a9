package io.nbo.schemas.campaigns;

import io.nbo.schemas.offers.RuleSpec;

/**
 * Settings shared by a campaign's offers, as stored on the compacted {@code campaigns} topic. An offer whose
 * campaign is not defined behaves as under {@link #defaults(String)}: no control group, no caps, all factors on.
 */
public record Campaign(String campaignId, String name, Double controlShare, String salt, RuleSpec rules,
                       Long volumeCap, Double lever, Long validFrom, Long validTo, Factors factors,
                       ContactPolicy contactPolicy) {

    public Campaign {
        // JSON allows -0; read back it would be "-0.0", a value nobody wrote meaning anything but 0.
        controlShare = controlShare == null ? null : controlShare + 0.0;
        lever = lever == null ? null : lever + 0.0;
    }

    public static Campaign defaults(String campaignId) {
        return new Campaign(campaignId, campaignId, 0.0, null, null, null, 1.0, null, null, null, null);
    }

    public double control() {
        return controlShare == null ? 0 : controlShare;
    }

    public String controlSalt() {
        return salt == null ? campaignId : salt;
    }

    public double leverValue() {
        return lever == null ? 1 : lever;
    }

    public Factors factorSwitches() {
        return factors == null ? Factors.ALL_ON : factors;
    }

    public ContactPolicy policy() {
        return contactPolicy == null ? ContactPolicy.NONE : contactPolicy;
    }

    public boolean validAt(long epochMillis) {
        return (validFrom == null || validFrom <= epochMillis) && (validTo == null || epochMillis < validTo);
    }

    /** Which arbitration factors apply; a null or true switch is on. */
    public record Factors(Boolean propensity, Boolean context, Boolean value, Boolean lever) {
        public static final Factors ALL_ON = new Factors(true, true, true, true);

        public boolean propensityOn() {
            return !Boolean.FALSE.equals(propensity);
        }

        public boolean contextOn() {
            return !Boolean.FALSE.equals(context);
        }

        public boolean valueOn() {
            return !Boolean.FALSE.equals(value);
        }

        public boolean leverOn() {
            return !Boolean.FALSE.equals(lever);
        }
    }

    /** Per-customer limits for the campaign's offers. Null parts do not apply. */
    public record ContactPolicy(Cap maxPerOffer, Cap maxPerCampaign, Suppression suppressAfterDeclines,
                                Suppression suppressAfterIgnores, Double cooldownAfterAcceptHours) {
        public static final ContactPolicy NONE = new ContactPolicy(null, null, null, null, null);
    }

    public record Cap(int count, double windowHours) {
        public long windowMillis() {
            return (long) (windowHours * 3_600_000L);
        }
    }

    public record Suppression(int count, double days) {
        public long durationMillis() {
            return (long) (days * 86_400_000L);
        }
    }
}
