package io.nbo.schemas.offers;

import java.util.List;

/**
 * An offer or action in the catalogue, as stored on the compacted {@code offers} topic.
 * Empty {@code placements} means any placement; times are epoch millis, null meaning open-ended.
 */
public record Offer(String offerId, String campaignId, String name, String description, String category,
                    List<String> channels, List<String> placements, double value, double priority, Long validFrom,
                    Long validTo, List<String> requiredConsents) {
    public Offer {
        channels = channels == null ? List.of() : List.copyOf(channels);
        placements = placements == null ? List.of() : List.copyOf(placements);
        requiredConsents = requiredConsents == null ? List.of() : List.copyOf(requiredConsents);
    }

    public boolean validAt(long epochMillis) {
        return (validFrom == null || validFrom <= epochMillis) && (validTo == null || epochMillis < validTo);
    }
}
