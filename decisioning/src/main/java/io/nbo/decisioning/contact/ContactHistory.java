package io.nbo.decisioning.contact;

import io.nbo.schemas.events.Outcome;
import java.util.List;
import java.util.Map;

/**
 * Per-customer contact state kept next to the profile: recent presentations (at most
 * {@link #MAX_PRESENTATIONS}, at most {@link #RETENTION_MILLIS} old), response streaks per offer and
 * standing per campaign. Contact-policy windows can therefore reach back at most 90 days.
 */
public record ContactHistory(List<Presentation> presentations, Map<String, OfferContact> offers,
                             Map<String, CampaignExposure> campaigns) {
    public static final int MAX_PRESENTATIONS = 100;
    public static final long RETENTION_MILLIS = 90L * 86_400_000L;
    public static final ContactHistory EMPTY = new ContactHistory(List.of(), Map.of(), Map.of());

    public ContactHistory {
        presentations = presentations == null ? List.of() : List.copyOf(presentations);
        offers = offers == null ? Map.of() : Map.copyOf(offers);
        campaigns = campaigns == null ? Map.of() : Map.copyOf(campaigns);
    }

    public OfferContact offer(String offerId) {
        return offers.getOrDefault(offerId, OfferContact.NONE);
    }

    public boolean hasDecision(String decisionId) {
        // Newest last: the decisions asked about are almost always among the latest.
        for (int i = presentations.size() - 1; i >= 0; i--) {
            if (presentations.get(i).decisionId().equals(decisionId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The decisions this history has presentations of made at or after {@code since} (a presentation's time is
     * its decision's). Older ones are skipped without hashing their ids: a busy customer's history holds a
     * hundred presentations, and the caller asks only about the last few seconds.
     */
    public java.util.Set<String> decisionIdsSince(long since) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Presentation presentation : presentations) {
            if (presentation.at() >= since) {
                ids.add(presentation.decisionId());
            }
        }
        return ids;
    }

    /**
     * This history with presentations of decisions it does not record yet (made here, still in flight); the
     * caller leaves out what it already records ({@link #decisionIdsSince}), or caps would count them twice.
     */
    public ContactHistory withUnrecorded(List<Presentation> unrecorded) {
        if (unrecorded.isEmpty()) {
            return this;
        }
        List<Presentation> merged = new java.util.ArrayList<>(presentations.size() + unrecorded.size());
        merged.addAll(presentations);
        // Shown again before the tracker heard of it: what it ignores counts already, as it will once recorded.
        Map<String, OfferContact> streaks = new java.util.HashMap<>(offers);
        for (Presentation presentation : unrecorded) {
            if (!presentation.control()) {
                markPreviousIgnored(merged, streaks, presentation.offerId());
            }
            merged.add(presentation);
        }
        return new ContactHistory(merged, streaks, campaigns);
    }

    /**
     * An offer shown again: if its last presentation in {@code earlier} got no engagement, that one counts as
     * ignored in the offer's streak. Holds stay out: what a control customer would have done with the offer is
     * not known, and guessing "ignored" would suppress control customers who would have engaged.
     */
    static void markPreviousIgnored(List<Presentation> earlier, Map<String, OfferContact> streaks, String offerId) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Presentation p = earlier.get(i);
            if (!p.control() && p.offerId().equals(offerId)) {
                // A click is interest too, unless a decline followed it: an offer clicked each time it was shown is
                // no offer the customer ignores.
                boolean clickedOnly = p.outcomes().contains(Outcome.CLICK.wireName())
                        && !p.outcomes().contains(Outcome.DECLINE.wireName());
                if (!p.succeeded() && !clickedOnly) {
                    streaks.put(offerId, streaks.getOrDefault(offerId, OfferContact.NONE).ignored(p.at()));
                }
                return;
            }
        }
    }

    /**
     * Presentations and control holds since {@code since}: what contact caps count. A control customer's hold
     * stands for the presentation a treated customer got, so a cap stops both alike, and control is not held out
     * on every request where treatment is shown once a day. Holds of a campaign the customer is treated in are
     * left out: a visitor's, held out before logging in as a treated customer, stand for nothing shown to them.
     */
    public long exposedSince(long since, java.util.function.Predicate<Presentation> which) {
        // A plain loop: every decision asks this twice per offer over up to a hundred presentations, and the
        // stream pipeline cost more than the comparisons (counting caps was about 5 % of the HTTP event loop).
        long count = 0;
        for (Presentation presentation : presentations) {
            if (presentation.at() >= since && which.test(presentation)
                    && !(presentation.control() && treatedIn(presentation.campaignId()))) {
                count++;
            }
        }
        return count;
    }

    /** Whether the customer is counted as treated in the campaign (a control customer treated since is too). */
    private boolean treatedIn(String campaignId) {
        CampaignExposure met = campaigns.get(campaignId);
        return met != null && (!met.control() || met.crossed());
    }

    /** Presentations since {@code since}, holds left out: what was shown, which a cap's reason names apart. */
    public long presentedSince(long since, java.util.function.Predicate<Presentation> which) {
        return exposedSince(since, which.and(presentation -> !presentation.control()));
    }
}
