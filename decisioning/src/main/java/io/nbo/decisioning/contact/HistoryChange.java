package io.nbo.decisioning.contact;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.schemas.events.TransactionEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One change to a customer's contact history being worked out, and what it teaches and counts. */
final class HistoryChange {
    final List<Presentation> presentations;
    final Map<String, OfferContact> offers;
    final Map<String, CampaignExposure> exposures;
    final List<LearningUpdate> learning = new ArrayList<>();
    final List<CampaignUpdate> campaigns = new ArrayList<>();

    HistoryChange(ContactHistory history) {
        presentations = new ArrayList<>(history.presentations());
        offers = new HashMap<>(history.offers());
        exposures = new HashMap<>(history.campaigns());
    }

    int find(String decisionId, String offerId) {
        for (int i = presentations.size() - 1; i >= 0; i--) {
            Presentation p = presentations.get(i);
            if (p.decisionId().equals(decisionId) && p.offerId().equals(offerId)) {
                return i;
            }
        }
        return -1;
    }

    boolean inOwnGroup(Presentation p) {
        CampaignExposure exposure = exposures.get(p.campaignId());
        if (exposure == null) {
            return true;
        }
        return exposure.crossed() ? !p.control() : exposure.control() == p.control();
    }

    void markPreviousIgnored(String offerId) {
        ContactHistory.markPreviousIgnored(presentations, offers, offerId);
    }

    CampaignUpdate expose(String campaignId, String offerId, boolean control, long at, List<String> segments) {
        CampaignUpdate update = CampaignUpdate.of(campaignId, offerId, control, at);
        CampaignExposure exposure = exposures.get(campaignId);
        if (exposure == null) {
            exposures.put(campaignId, new CampaignExposure(control, at, false, 0, false, segments));
            return update.newCustomer(segments);
        }
        if (exposure.control() && !control && !exposure.crossed()) {
            exposure = exposure.crossedOver();
            exposures.put(campaignId, exposure);
        }
        return exposure.crossed() ? update.outside() : update;
    }

    void success(int index, long at) {
        if (index < 0) {
            return;
        }
        Presentation p = presentations.get(index);
        if (!p.succeeded() && !p.control()) {
            presentations.set(index, p.markSucceeded());
            if (p.segment() != null) {
                learning.add(new LearningUpdate(p.offerId(), p.segment(), 0, 1, at));
            }
        }
    }

    /**
     * The conversion of presentation {@code p} by {@code purchase}, worth what {@code match} found, counted in the
     * group the campaign first counted the customer in (intention to treat): also for a held-out customer who has
     * since seen the offers (once the hold-out ended, or as a visitor they logged in from), so what the offers did
     * to them counts where they were assigned and the comparison errs towards no effect, never in the campaign's
     * favour. The offer's own totals count it only where the offer was shown to a treated customer.
     */
    CampaignUpdate conversion(Presentation p, TransactionEvent purchase, CampaignMatch match) {
        CampaignExposure exposure = exposures.get(p.campaignId());
        boolean control = exposure == null ? p.control() : exposure.control();
        long at = purchase.timestamp();
        CampaignUpdate update = CampaignUpdate.of(p.campaignId(), p.control() == control ? p.offerId() : null,
                control, at);
        if (exposure == null) {
            exposure = new CampaignExposure(control, at, false, 0);
            update = update.newCustomer();
        }
        CampaignUpdate converted = update.conversion(match.value(), exposure.revenue(), !exposure.converted());
        exposure = exposure.earning(true, exposure.revenue() + match.value());
        if (purchase.orderId() != null) {
            exposure = exposure.withCredit(null, new OrderCredit(purchase.orderId(), p.decisionId(), p.offerId(),
                    p.control(), at, match.value(), purchase.amount() > 0
                    ? Math.min(1, match.value() / purchase.amount()) : 1, match.items()));
        }
        exposures.put(p.campaignId(), exposure);
        return converted;
    }

    /**
     * Takes back from campaign {@code campaignId} what {@code refunded} says of its conversion {@code credit}, from
     * the customer's group, with their revenue in the campaign; a refund in full undoes the conversion, and its
     * presentation, if still listed, may convert again.
     */
    CampaignUpdate refund(String campaignId, OrderCredit credit, OrderCredit.Refunded refunded, long at) {
        CampaignExposure exposure = exposures.get(campaignId);
        boolean whole = refunded.left() == null;
        if (whole) {
            int index = find(credit.decisionId(), credit.offerId());
            if (index >= 0 && presentations.get(index).control() == credit.held()) {
                presentations.set(index, presentations.get(index).conversionReversed());
            }
        }
        CampaignExposure rest = exposure.withCredit(credit, refunded.left());
        double before = exposure.revenue();
        double after = Math.max(0, before - refunded.value());
        // Revenue left after the whole conversion is gone comes from another one, maybe too old to be listed.
        boolean stillConverting = !whole || after >= OrderCredit.NEGLIGIBLE || !rest.credits().isEmpty()
                || otherConversion(campaignId);
        exposures.put(campaignId, rest.earning(exposure.converted() && stillConverting, after));
        CampaignUpdate update = CampaignUpdate.of(campaignId, credit.held() == exposure.control() ? credit.offerId()
                : null, exposure.control(), at);
        return update.refund(refunded.value(), before, whole, exposure.converted() && !stillConverting);
    }

    /** A listed presentation of the campaign converted by a purchase that named no order (so holds no credit). */
    private boolean otherConversion(String campaignId) {
        for (Presentation p : presentations) {
            if (p.converted() && p.campaignId().equals(campaignId) && exposures.get(campaignId).credits().stream()
                    .noneMatch(c -> c.decisionId().equals(p.decisionId()) && c.offerId().equals(p.offerId()))) {
                return true;
            }
        }
        return false;
    }

    ContactTracker.Result result(long now) {
        List<Presentation> kept = presentations.stream()
                .filter(p -> now - p.at() <= ContactHistory.RETENTION_MILLIS)
                .sorted(Comparator.comparingLong(Presentation::at))
                .toList();
        if (kept.size() > ContactHistory.MAX_PRESENTATIONS) {
            kept = kept.subList(kept.size() - ContactHistory.MAX_PRESENTATIONS, kept.size());
        }
        return new ContactTracker.Result(new ContactHistory(kept, offers, exposures), List.copyOf(learning),
                List.copyOf(campaigns));
    }
}
