package io.nbo.decisioning.contact;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.Outcome;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.offers.Offer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds decisions, offer responses, purchases and refunds into a customer's {@link ContactHistory} and says what
 * they teach the model ({@link LearningUpdate}) and change in campaign totals ({@link CampaignUpdate}). Pure.
 * A purchase within the attribution window after a presentation, of the offer's category or one of its
 * products, converts the presentation's campaign: once per purchase, on the campaign's best presentation not
 * converted yet (own group first, then latest), with every matching item ({@link CampaignMatch}), counted in the
 * customer's group; a refund of the order takes back what it gives back of that ({@link OrderCredit}).
 */
public final class ContactTracker {
    /**
     * A purchase dated this little before a showing it follows still counts for it: a shop's clock running behind
     * ours, or a timestamp in whole seconds, would otherwise lose the conversion of a purchase made right after.
     */
    public static final long PURCHASE_CLOCK_SKEW_MILLIS = 5_000;

    private final long attributionWindowMillis;

    public ContactTracker(long attributionWindowMillis) {
        this.attributionWindowMillis = attributionWindowMillis;
    }

    public record Result(ContactHistory history, List<LearningUpdate> learning, List<CampaignUpdate> campaigns) {
    }

    public Result onDecision(ContactHistory history, DecisionRecord decision) {
        if (history.hasDecision(decision.decisionId())) {
            return new Result(history, List.of(), List.of());
        }
        HistoryChange next = new HistoryChange(history);
        long at = decision.decidedAt();
        Map<String, DecisionRecord.Candidate> byOffer = new HashMap<>();
        decision.candidates().forEach(c -> byOffer.put(c.offerId(), c));
        for (String offerId : decision.shown()) {
            DecisionRecord.Candidate candidate = byOffer.get(offerId);
            if (candidate == null) {
                continue;
            }
            next.markPreviousIgnored(offerId);
            next.presentations.add(new Presentation(decision.decisionId(), offerId, candidate.campaignId(),
                    candidate.category(), decision.channel(), candidate.segment(), at, false, false, false));
            next.learning.add(new LearningUpdate(offerId, candidate.segment(), 1, 0, at));
            next.campaigns.add(next.expose(candidate.campaignId(), offerId, false, at, segments(decision))
                    .presentation());
        }
        for (DecisionRecord.ControlHold hold : decision.heldOut()) {
            next.presentations.add(new Presentation(decision.decisionId(), hold.offerId(), hold.campaignId(),
                    hold.category(), decision.channel(), null, at, true, false, false));
            next.campaigns.add(next.expose(hold.campaignId(), hold.offerId(), true, at, segments(decision))
                    .presentation());
        }
        return next.result(at);
    }

    private static List<String> segments(DecisionRecord decision) {
        List<String> segments = new ArrayList<>();
        if (decision.stage() != null) {
            segments.add("stage:" + decision.stage());
        }
        if (decision.valueTier() != null) {
            segments.add("value:" + decision.valueTier());
        }
        return segments;
    }

    public Result onResponse(ContactHistory history, OfferResponse response) {
        return onResponse(history, response, Long.MAX_VALUE);
    }

    /**
     * As {@link #onResponse(ContactHistory, OfferResponse)}, with the response dated no later than {@code now}: a
     * client clock ahead of ours would otherwise start a cool-down that long after the accept.
     */
    public Result onResponse(ContactHistory history, OfferResponse response, long now) {
        HistoryChange next = new HistoryChange(history);
        int index = next.find(response.decisionId(), response.offerId());
        if (index < 0) {
            // Only responses to offers this service showed count: anything else cannot be told from a typo or
            // a forgery, and would distort caps, learning and campaign results.
            return new Result(history, List.of(), List.of());
        }
        Presentation presentation = next.presentations.get(index);
        if (presentation.control()) {
            // A held-out offer was never shown: a response to it cannot be a treatment result.
            return new Result(history, List.of(), List.of());
        }
        String campaignId = presentation.campaignId();
        Outcome outcome = response.outcomeKind();
        if (outcome != Outcome.CONVERT && outcome != Outcome.IMPRESSION
                && presentation.outcomes().contains(outcome.wireName())) {
            return new Result(history, List.of(), List.of());
        }
        next.presentations.set(index, presentation.withOutcome(outcome.wireName()));
        // A response cannot come before the offer was shown: a client clock behind ours would otherwise date an
        // accept so early that its cool-down was over before it began.
        long at = Math.max(Math.min(response.timestamp(), now), presentation.at());
        CampaignUpdate update = CampaignUpdate.of(campaignId, response.offerId(), false, at);
        CampaignExposure exposure = next.exposures.get(campaignId);
        if (exposure != null && exposure.crossed()) {
            update = update.outside();
        }
        OfferContact contact = next.offers.getOrDefault(response.offerId(), OfferContact.NONE);
        switch (outcome) {
            case CLICK -> {
                next.offers.put(response.offerId(), contact.engaged());
                update = update.outcome(1, 0, 0);
            }
            case ACCEPT -> {
                next.offers.put(response.offerId(), contact.accepted(at));
                update = update.outcome(0, 1, 0);
                next.success(index, at);
            }
            case DECLINE -> {
                next.offers.put(response.offerId(), contact.declined(at));
                update = update.outcome(0, 0, 1);
            }
            case CONVERT -> {
                // Learning's success and the cool-down, but no campaign conversion: a control customer, shown
                // nothing, can never send one, so lift would compare a treatment-only signal with nothing.
                // Campaign conversions come from purchases, which both groups make, and a purchase that follows is
                // still this presentation's to convert.
                next.offers.put(response.offerId(), contact.accepted(at));
                next.success(index, at);
                return next.result(at);
            }
            case IMPRESSION -> {
                return next.result(at);
            }
        }
        next.campaigns.add(update);
        return next.result(at);
    }

    /** A purchase applied as it happens: its own time is now. */
    public Result onPurchase(ContactHistory history, TransactionEvent purchase, Function<String, Offer> catalogue) {
        return onPurchase(history, purchase, catalogue, purchase.timestamp());
    }

    /**
     * A purchase applied at {@code now}: attribution goes by the purchase's own time, but the cool-down it starts
     * runs from no later than now (a shop clock ahead of ours would lengthen it) and no earlier than the showing.
     */
    public Result onPurchase(ContactHistory history, TransactionEvent purchase, Function<String, Offer> catalogue,
                             long now) {
        HistoryChange next = new HistoryChange(history);
        long at = purchase.timestamp();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < next.presentations.size(); i++) {
            Presentation p = next.presentations.get(i);
            if (!p.converted() && p.at() - PURCHASE_CLOCK_SKEW_MILLIS <= at && at - p.at() <= attributionWindowMillis) {
                candidates.add(i);
            }
        }
        // Showings before the purchase first: one dated after it, within the clock skew, may be the order's own
        // confirmation page, and counts only for a campaign no earlier showing matches. Then latest first, but a
        // presentation of the customer's own group first of all, and once a held-out customer has seen the offers,
        // a shown one first: that is the offer whose totals count the conversion. The group it counts in does not
        // depend on it: always the one the campaign first counted the customer in.
        candidates.sort(Comparator.comparing((Integer i) -> next.presentations.get(i).at() > at)
                .thenComparing((Integer i) -> !next.inOwnGroup(next.presentations.get(i)))
                .thenComparing(Comparator.comparingLong((Integer i) -> next.presentations.get(i).at()).reversed()));
        // Each campaign converts once per purchase, on its best presentation the purchase matches, with every item
        // that matches an offer it presented; each shown offer the purchase matches learns one success.
        Map<String, Map<Presentation, Offer>> byCampaign = new LinkedHashMap<>();
        Map<Presentation, Integer> indexOf = new HashMap<>();
        // A busy customer's window holds many showings of the same few offers: each is looked up once.
        Map<String, Offer> offers = new HashMap<>();
        Set<String> matchedBefore = new HashSet<>();
        Set<String> creditedAlready = campaignsCrediting(history, purchase.orderId());
        for (int index : candidates) {
            Presentation p = next.presentations.get(index);
            if ((p.at() > at && matchedBefore.contains(p.campaignId())) || creditedAlready.contains(p.campaignId())) {
                continue;
            }
            Offer offer = offers.computeIfAbsent(p.offerId(), catalogue);
            if (purchase.items().stream().anyMatch(item -> CampaignMatch.matches(item, p, offer))) {
                byCampaign.computeIfAbsent(p.campaignId(), id -> new LinkedHashMap<>()).put(p, offer);
                indexOf.putIfAbsent(p, index);
                if (p.at() <= at) {
                    matchedBefore.add(p.campaignId());
                }
            }
        }
        byCampaign.values().forEach(matching -> {
            CampaignMatch match = CampaignMatch.of(purchase, matching);
            Set<String> learned = new HashSet<>();
            matching.keySet().stream().filter(p -> learned.add(p.offerId()))
                    .forEach(p -> next.success(indexOf.get(p), at));
            // The customer took the offer by buying what it offered: its cool-down starts as after an accept, or
            // the next page would offer what was just bought. After a hold too: control customers buy as treated
            // ones do, and holds recorded during a cool-down treatment does not have would convert later purchases
            // for control alone.
            matching.keySet().forEach(p -> next.offers.put(p.offerId(), next.offers
                    .getOrDefault(p.offerId(), OfferContact.NONE).purchased(Math.max(Math.min(at, now), p.at()))));
            Presentation credited = matching.keySet().iterator().next();
            int index = indexOf.get(credited);
            next.presentations.set(index, next.presentations.get(index).markConverted());
            next.campaigns.add(next.conversion(credited, purchase, match));
        });
        return next.result(at);
    }

    /**
     * The campaigns an earlier purchase event of this order converted and still hold its credit: the same order
     * sent again (a shop resending it under a new event id) is no second conversion, and a refund of the order would
     * otherwise take back both. Once the credit is gone (refunded in full, or past the 20 kept) the order is free.
     */
    private static Set<String> campaignsCrediting(ContactHistory history, String orderId) {
        if (orderId == null) {
            return Set.of();
        }
        Set<String> crediting = new HashSet<>();
        history.campaigns().forEach((campaignId, exposure) -> {
            if (exposure.credits().stream().anyMatch(credit -> orderId.equals(credit.orderId()))) {
                crediting.add(campaignId);
            }
        });
        return crediting;
    }

    /**
     * A refund of an order that converted campaigns takes back, from each, what it gives back of the credited lines
     * (each at most as many times as it was credited, at most at the value it was credited with), or, listing no
     * lines, the conversion's share of its amount; never more than the conversion still brings. Refunded in full,
     * the conversion is undone: its presentation may convert again, and a customer with no conversion left no
     * longer counts as converting. A refund naming no order, an order that converted nothing (or longer ago than
     * the return window kept), or only lines the conversions did not count changes no campaign. Learning keeps its
     * success: the customer did answer the offer.
     */
    public Result onRefund(ContactHistory history, TransactionEvent refund) {
        if (refund.orderId() == null) {
            return new Result(history, List.of(), List.of());
        }
        HistoryChange next = new HistoryChange(history);
        for (Map.Entry<String, CampaignExposure> entry : history.campaigns().entrySet()) {
            for (OrderCredit credit : entry.getValue().credits()) {
                if (!refund.orderId().equals(credit.orderId())
                        || refund.timestamp() - credit.at() > CampaignExposure.CREDIT_MILLIS) {
                    continue;
                }
                OrderCredit.Refunded refunded = credit.refunded(refund);
                if (refunded != null) {
                    next.campaigns.add(next.refund(entry.getKey(), credit, refunded,
                            Math.max(refund.timestamp(), credit.at())));
                }
            }
        }
        return next.campaigns.isEmpty() ? new Result(history, List.of(), List.of()) : next.result(refund.timestamp());
    }
}
