package io.nbo.decisioning.learning;

import java.util.HashMap;
import java.util.Map;

/**
 * What has been learned about one offer: forgotten counts per context segment. Immutable. A segment that names a
 * value tier ({@code web/top/high}) is also counted in the segment without it ({@code web/top}), which every tier
 * starts from.
 */
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
        String pooled = pooledSegment(update.segment());
        for (String segment : pooled == null ? new String[] {update.segment()} : new String[] {update.segment(), pooled}) {
            next.put(segment, segment(segment).plus(update.trials(), update.successes(), update.at(), halfLifeMillis));
        }
        return new OfferModel(offerId, next, Math.max(updatedAt, update.at()));
    }

    /** The segment of every value tier ({@code web/top} for {@code web/top/high}), or null for one naming no tier. */
    public static String pooledSegment(String segment) {
        int last = segment.lastIndexOf('/');
        String tier = segment.substring(last + 1);
        return last > 0 && segment.indexOf('/') < last && (tier.equals("high") || tier.equals("low"))
                ? segment.substring(0, last) : null;
    }
}
