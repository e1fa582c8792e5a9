package io.nbo.decisioning.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * Everything the service knows about one customer or anonymous visitor, as kept in the
 * {@code customer-profiles} store. Immutable; {@link ProfileUpdater} makes the next version from an event.
 * Money totals assume one catalogue currency (the last seen one is kept for display).
 * {@code stitchedIds} are the anonymous ids whose state was merged in after a login. {@code changedAt} holds
 * the event time each consent ({@code consent:NAME}), attribute ({@code attribute:NAME}), NPS and rating was
 * last set, so a late-arriving older update never overrides a newer one.
 */
public record CustomerProfile(
        String subjectId,
        boolean known,
        long firstSeen,
        long lastSeen,
        long eventCount,
        Spend spend,
        Map<String, Affinity> affinities,
        List<PageVisit> recentPages,
        Map<String, Long> channelUsage,
        String lastChannel,
        Map<String, Boolean> consents,
        Map<String, Object> attributes,
        Map<String, Long> responseCounts,
        Feedback feedback,
        List<String> stitchedIds,
        Map<String, Long> changedAt) {

    public CustomerProfile {
        spend = spend == null ? Spend.NONE : spend;
        affinities = affinities == null ? Map.of() : Map.copyOf(affinities);
        recentPages = recentPages == null ? List.of() : List.copyOf(recentPages);
        channelUsage = channelUsage == null ? Map.of() : Map.copyOf(channelUsage);
        consents = consents == null ? Map.of() : Map.copyOf(consents);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        responseCounts = responseCounts == null ? Map.of() : Map.copyOf(responseCounts);
        feedback = feedback == null ? Feedback.NONE : feedback;
        stitchedIds = stitchedIds == null ? List.of() : List.copyOf(stitchedIds);
        changedAt = changedAt == null ? Map.of() : Map.copyOf(changedAt);
    }

    /** The profile of someone never seen before: what cold-start decisions are made from. */
    public static CustomerProfile empty(String subjectId) {
        return new CustomerProfile(subjectId, false, 0, 0, 0, Spend.NONE, Map.of(), List.of(), Map.of(), null,
                Map.of(), Map.of(), Map.of(), Feedback.NONE, List.of(), Map.of());
    }

    @JsonIgnore
    public boolean isNew() {
        return eventCount == 0;
    }

    /**
     * Purchases, refunds and money, net of refunds; the latest purchase's and refund's amounts, by event time, for the
     * agent who asks about them.
     */
    public record Spend(long purchases, long refunds, double total, double refunded, Long lastPurchaseAt,
                        String currency, Long firstPurchaseAt, Double lastPurchaseAmount, Long lastRefundAt,
                        Double lastRefundAmount) {
        public static final Spend NONE = new Spend(0, 0, 0, 0, null, null, null, null, null, null);

        public double net() {
            return total - refunded;
        }

        public double averageOrderValue() {
            return purchases == 0 ? 0 : total / purchases;
        }

        /** Mean time between purchases, or null with fewer than two. */
        public Long averageIntervalMillis() {
            return purchases < 2 || firstPurchaseAt == null || lastPurchaseAt == null ? null
                    : (lastPurchaseAt - firstPurchaseAt) / (purchases - 1);
        }
    }

    /**
     * The customer's own voice, summarised. {@code lastDetractorAt}: last NPS of 6 or less, or rating of 2 or less;
     * {@code lastPositiveAt}: last NPS of 9+ or rating of 4+; {@code reviews}: ratings with text;
     * {@code positiveSinceIssueAt}: the first positive feedback after the latest complaint or detractor score, which
     * answered it (praise after that is a sound relationship, not the repair starting again).
     * {@code lastComplaint}: what the latest complaint said, and its topic, so an agent can answer it; only the
     * latest, and its first {@value #COMPLAINT_CHARS} characters, to keep a profile small.
     * {@code complaintTimes}: when the latest {@value #COMPLAINT_TIMES} complaints were made, oldest first, so an
     * issue waiting since the first of several unanswered complaints is not dated by the last one.
     */
    public record Feedback(Integer lastNps, Integer lastRating, long complaints, long ideas, long votes,
                           Long lastComplaintAt, long reviews, Long lastDetractorAt, Long lastPositiveAt,
                           Long positiveSinceIssueAt, Complaint lastComplaint, List<Long> complaintTimes) {
        public static final int COMPLAINT_CHARS = 280;
        public static final int COMPLAINT_TIMES = 8;
        public static final Feedback NONE = new Feedback(null, null, 0, 0, 0, null, 0, null, null, null, null,
                List.of());

        public Feedback {
            complaintTimes = complaintTimes == null ? List.of() : List.copyOf(complaintTimes);
        }

        /** The latest {@value #COMPLAINT_TIMES} of {@code times}, oldest first. */
        public static List<Long> latestComplaintTimes(java.util.Collection<Long> times) {
            List<Long> sorted = times.stream().sorted().toList();
            return sorted.subList(Math.max(0, sorted.size() - COMPLAINT_TIMES), sorted.size());
        }

        /**
         * The first complaint not answered by {@code answeredAt} (any, when nothing answered; one at the same moment
         * may not have been known to the answer), or null when none is kept.
         */
        public Long firstComplaintAfter(Long answeredAt) {
            for (Long at : complaintTimes) {
                if (answeredAt == null || at >= answeredAt) {
                    return at;
                }
            }
            return null;
        }

        /** The latest complaint or detractor score, or null. */
        public Long lastIssueAt() {
            if (lastComplaintAt == null || lastDetractorAt == null) {
                return lastComplaintAt == null ? lastDetractorAt : lastComplaintAt;
            }
            return Math.max(lastComplaintAt, lastDetractorAt);
        }
    }

    /** A complaint's words (shortened to {@link Feedback#COMPLAINT_CHARS} characters) and topic, if it named one. */
    public record Complaint(String text, String topic) {
        public static Complaint of(String text, String topic) {
            if (text == null || text.codePointCount(0, text.length()) <= Feedback.COMPLAINT_CHARS) {
                return new Complaint(text, topic);
            }
            return new Complaint(text.substring(0, text.offsetByCodePoints(0, Feedback.COMPLAINT_CHARS - 1)) + "…",
                    topic);
        }
    }

    /** One page in the recent-context window. */
    public record PageVisit(String page, String category, String productId, String type, long at) {
    }
}
