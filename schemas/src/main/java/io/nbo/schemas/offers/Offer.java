package io.nbo.schemas.offers;

import java.util.List;

/**
 * An offer or action in the catalogue, as stored on the compacted {@code offers} topic.
 * Empty {@code placements} means any placement; times are epoch millis, null meaning open-ended.
 * Null {@code priorAcceptRate}/{@code priorStrength} take {@link #DEFAULT_PRIOR_RATE}/{@link #DEFAULT_PRIOR_STRENGTH}.
 */
public record Offer(String offerId, String campaignId, String name, String description, String category,
                    List<String> channels, List<String> placements, double value, double priority, Long validFrom,
                    Long validTo, List<String> requiredConsents, RuleSpec rules, List<String> productIds,
                    Double priorAcceptRate, Double priorStrength, Long inventory, Boolean fallback, String kind) {
    public static final String SERVICE_RECOVERY = "service-recovery";
    public static final String SALES = "sales";
    public static final double DEFAULT_PRIOR_RATE = 0.05;
    public static final double DEFAULT_PRIOR_STRENGTH = 20;

    public Offer {
        channels = channels == null ? List.of() : List.copyOf(channels);
        placements = placements == null ? List.of() : List.copyOf(placements);
        requiredConsents = requiredConsents == null ? List.of() : List.copyOf(requiredConsents);
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
        // JSON allows -0; read back it would be "-0.0", a value nobody wrote meaning anything but 0.
        value += 0.0;
        priority += 0.0;
        priorAcceptRate = priorAcceptRate == null ? null : priorAcceptRate + 0.0;
    }

    /** The fields every offer needs; the rest take their defaults. */
    public static Offer basic(String offerId, String campaignId, String name, String category, List<String> channels,
                              double value, double priority) {
        return new Offer(offerId, campaignId, name, null, category, channels, List.of(), value, priority, null, null,
                List.of(), null, List.of(), null, null, null, null, null);
    }

    public boolean validAt(long epochMillis) {
        return (validFrom == null || validFrom <= epochMillis) && (validTo == null || epochMillis < validTo);
    }

    public boolean fallbackOnly() {
        return Boolean.TRUE.equals(fallback);
    }

    public boolean recovery() {
        return SERVICE_RECOVERY.equals(kind);
    }

    public double priorRate() {
        return priorAcceptRate == null ? DEFAULT_PRIOR_RATE : priorAcceptRate;
    }

    public double priorWeight() {
        return priorStrength == null ? DEFAULT_PRIOR_STRENGTH : priorStrength;
    }
}
