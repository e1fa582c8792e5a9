package io.nbo.decisioning.contact;

import java.util.ArrayList;
import java.util.List;

/**
 * The customer's standing in one campaign: group, first exposure, and what the campaign has earned from them.
 * {@code crossed}: a control customer who was shown the campaign's offers once its hold-out ended; they belong
 * to neither group's impressions and responses from then on. {@code segments}: the breakdown entries the customer
 * was counted under at first exposure (relationship stage and value tier), so a login that counts two ids as one
 * takes one entry back. {@code credits}: the conversions by orders a refund may still take back.
 */
public record CampaignExposure(boolean control, long firstAt, boolean converted, double revenue, boolean crossed,
                               List<String> segments, List<OrderCredit> credits) {
    /** Conversions by orders kept for refunds: a return window, and a bound on a busy buyer's state. */
    static final int MAX_CREDITS = 20;
    static final long CREDIT_MILLIS = ContactHistory.RETENTION_MILLIS;

    public CampaignExposure {
        segments = segments == null ? List.of() : List.copyOf(segments);
        credits = credits == null ? List.of() : List.copyOf(credits);
    }

    public CampaignExposure(boolean control, long firstAt, boolean converted, double revenue, boolean crossed,
                            List<String> segments) {
        this(control, firstAt, converted, revenue, crossed, segments, null);
    }

    public CampaignExposure(boolean control, long firstAt, boolean converted, double revenue) {
        this(control, firstAt, converted, revenue, false, null);
    }

    CampaignExposure crossedOver() {
        return new CampaignExposure(control, firstAt, converted, revenue, true, segments, credits);
    }

    /** The same standing with what the campaign now earns from the customer. */
    CampaignExposure earning(boolean converting, double total) {
        return new CampaignExposure(control, firstAt, converting, total, crossed, segments, credits);
    }

    /** With {@code credit} in place of {@code replaced} (either may be null: a credit added, or one refunded). */
    CampaignExposure withCredit(OrderCredit replaced, OrderCredit credit) {
        List<OrderCredit> kept = new ArrayList<>(credits);
        kept.remove(replaced);
        if (credit != null) {
            // Pruned as credits come, not on every change of the history: a decision has no need to look.
            kept.removeIf(old -> old.at() < credit.at() - CREDIT_MILLIS);
            kept.add(credit);
        }
        while (kept.size() > MAX_CREDITS) {
            kept.remove(0);
        }
        return new CampaignExposure(control, firstAt, converted, revenue, crossed, segments, kept);
    }
}
