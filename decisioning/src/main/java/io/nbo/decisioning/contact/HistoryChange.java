package io.nbo.decisioning.contact;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.learning.LearningUpdate;
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
     * A conversion of presentation {@code p} worth {@code value}, counted in the group the campaign first counted
     * the customer in (intention to treat): also for a held-out customer who has since seen the offers (once the
     * hold-out ended, or as a visitor they logged in from), so what the offers did to them counts where they were
     * assigned and the comparison errs towards no effect, never in the campaign's favour.
     */
    CampaignUpdate conversion(Presentation p, long at, double value) {
        CampaignExposure exposure = exposures.get(p.campaignId());
        boolean control = exposure == null ? p.control() : exposure.control();
        CampaignUpdate update = CampaignUpdate.of(p.campaignId(), p.offerId(), control, at);
        if (exposure == null) {
            exposure = new CampaignExposure(control, at, false, 0);
            update = update.newCustomer();
        }
        CampaignUpdate converted = update.conversion(value, exposure.revenue(), !exposure.converted());
        exposures.put(p.campaignId(), exposure.earning(true, exposure.revenue() + value));
        return converted;
    }

    /**
     * Takes {@code value} back from the conversion of the presentation at {@code index} ({@code converted}, as it
     * was before the refund), from the group it was counted in, with the customer's revenue in the campaign.
     */
    CampaignUpdate refund(Presentation converted, int index, double value, boolean whole, long at) {
        boolean control = converted.credit().control();
        CampaignUpdate update = CampaignUpdate.of(converted.campaignId(), converted.offerId(), control, at);
        CampaignExposure exposure = exposures.get(converted.campaignId());
        if (exposure == null || exposure.control() != control) {
            // A conversion of a visitor whose group lost them, with their revenue, when a login merged them into
            // a customer of the other group: only the offer's totals still hold it.
            return update.refund(value, converted.credit().revenue(), whole, false).outside();
        }
        double before = exposure.revenue();
        double after = Math.max(0, before - value);
        // Revenue left after the whole conversion is gone comes from another one, maybe too old to be listed.
        boolean stillConverting = !whole || after >= OrderCredit.HALF_A_CENT
                || otherConversion(converted.campaignId(), control, index);
        exposures.put(converted.campaignId(), exposure.earning(exposure.converted() && stillConverting, after));
        return update.refund(value, before, whole, exposure.converted() && !stillConverting);
    }

    /** Another presentation of the campaign that still counts as converted in {@code control}'s group. */
    private boolean otherConversion(String campaignId, boolean control, int except) {
        for (int i = 0; i < presentations.size(); i++) {
            Presentation p = presentations.get(i);
            if (i != except && p.converted() && p.campaignId().equals(campaignId)
                    && (p.credit() == null || p.credit().control() == control)) {
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
