package io.nbo.decisioning.learning;

import java.util.HashMap;
import java.util.Map;

/** What has been learned about one offer: forgotten counts per context segment. Immutable. */
public record OfferModel(String offerId, Map<String, SegmentStats> segments, long updatedAt) {
    public OfferModel {
        segments = segments == null ? Map.of() : Map.copyOf(segments);
    }

    public static OfferModel empty(String offerId) {
        return new OfferModel(offerId, Map.of(), 0);
    }

    public SegmentStats segment(String segment) {
        return segments.getOrDefault(segment, SegmentStats.NONE);
    }

    public OfferModel with(LearningUpdate update, long halfLifeMillis) {
        Map<String, SegmentStats> next = new HashMap<>(segments);
        next.put(update.segment(), segment(update.segment()).plus(update.trials(), update.successes(), update.at(),
                halfLifeMillis));
        return new OfferModel(offerId, next, Math.max(updatedAt, update.at()));
    }
}
