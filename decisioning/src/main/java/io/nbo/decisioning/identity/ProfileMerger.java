package io.nbo.decisioning.identity;

import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.OfferContact;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.decisioning.profile.Affinity;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileLimits;
import io.nbo.decisioning.profile.ProfileRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds an anonymous visitor's state into the customer it turned out to be. Counts and sums add up (each
 * event was applied to exactly one of the two), interest combines at event time, and where both sides hold
 * a choice (consents, attributes, including an attribute the customer removed) the customer's wins, except a
 * consent the visitor withdrew later. Merging the same anonymous id twice is a no-op.
 */
public final class ProfileMerger {
    private final ProfileRules rules;

    public ProfileMerger(ProfileRules rules) {
        this.rules = rules;
    }

    public CustomerProfile merge(CustomerProfile customer, CustomerProfile visitor, String customerId) {
        CustomerProfile base = customer != null ? customer : CustomerProfile.empty(customerId);
        if (visitor == null || base.stitchedIds().contains(visitor.subjectId())) {
            return base;
        }
        if (base.isNew()) {
            return relabel(visitor, customerId, base.stitchedIds());
        }
        Map<String, Affinity> affinities = new HashMap<>(base.affinities());
        visitor.affinities().forEach((category, affinity) -> affinities.merge(category, affinity,
                (mine, theirs) -> mine.plus(theirs.weight(), theirs.asOf(), rules.halfLifeMillis())));
        List<CustomerProfile.PageVisit> pages = new ArrayList<>(base.recentPages());
        pages.addAll(visitor.recentPages());
        pages.sort(Comparator.comparingLong(CustomerProfile.PageVisit::at));
        if (pages.size() > rules.recentPagesKept()) {
            pages = pages.subList(pages.size() - rules.recentPagesKept(), pages.size());
        }
        Map<String, Long> changedAt = new HashMap<>(base.changedAt());
        Map<String, Boolean> consents = new HashMap<>(base.consents());
        Map<String, Object> attributes = new HashMap<>(base.attributes());
        // The customer's own choices win: a browser session must not turn a recorded opt-out into an opt-in,
        // nor relabel the customer. Only a consent the session withdrew later than the customer gave it counts:
        // whoever withdrew it, in doubt there is no consent.
        visitor.consents().forEach((name, given) -> {
            String key = "consent:" + name;
            Boolean mine = consents.get(name);
            boolean room = mine != null || !given || ProfileLimits.purposes(consents) < ProfileLimits.MAX_CONSENTS;
            if (room && (mine == null || (!given && mine && notEarlier(visitor, changedAt, key)))) {
                consents.put(name, given);
                copyTime(visitor, changedAt, key);
            }
        });
        visitor.attributes().forEach((name, value) -> {
            // A removal is the customer's record too, even if the session set the attribute later: only attributes
            // the customer never had are filled.
            // Within the profile's limit: a visitor's attributes fill what room the customer's leave.
            if (!attributes.containsKey(name) && !changedAt.containsKey("attribute:" + name)
                    && attributes.size() < ProfileLimits.MAX_ATTRIBUTES) {
                attributes.put(name, value);
                copyTime(visitor, changedAt, "attribute:" + name);
            }
        });
        Set<String> stitched = new HashSet<>(base.stitchedIds());
        stitched.add(visitor.subjectId());
        stitched.addAll(visitor.stitchedIds());
        return new CustomerProfile(customerId, true, Math.min(base.firstSeen(), visitor.firstSeen()),
                Math.max(base.lastSeen(), visitor.lastSeen()), base.eventCount() + visitor.eventCount(),
                spend(base.spend(), visitor.spend()), affinities, pages, sum(base.channelUsage(), visitor.channelUsage()),
                visitor.lastSeen() > base.lastSeen() ? visitor.lastChannel() : base.lastChannel(), consents, attributes,
                sum(base.responseCounts(), visitor.responseCounts()), feedback(base.feedback(), visitor.feedback()),
                List.copyOf(stitched), changedAt);
    }

    /** Set at the same moment as the customer's own choice or later: a tie is a doubt, and in doubt, no consent. */
    private static boolean notEarlier(CustomerProfile visitor, Map<String, Long> changedAt, String key) {
        Long theirs = visitor.changedAt().get(key);
        Long mine = changedAt.get(key);
        return theirs != null && (mine == null || theirs >= mine);
    }

    private static void copyTime(CustomerProfile visitor, Map<String, Long> changedAt, String key) {
        Long theirs = visitor.changedAt().get(key);
        if (theirs != null) {
            changedAt.put(key, theirs);
        }
    }

    /** The customer's history with the visitor's folded in, and the corrections that make the pair one customer. */
    public record MergedHistory(ContactHistory history, List<CampaignUpdate> campaignCorrections) {
    }

    public MergedHistory merge(ContactHistory customer, ContactHistory visitor, long at) {
        if (visitor == null || visitor.equals(ContactHistory.EMPTY)) {
            return new MergedHistory(customer, List.of());
        }
        List<Presentation> presentations = new ArrayList<>(customer.presentations());
        visitor.presentations().stream().filter(p -> !customer.hasDecision(p.decisionId())).forEach(presentations::add);
        presentations.sort(Comparator.comparingLong(Presentation::at));
        if (presentations.size() > ContactHistory.MAX_PRESENTATIONS) {
            presentations = presentations.subList(presentations.size() - ContactHistory.MAX_PRESENTATIONS,
                    presentations.size());
        }
        Map<String, OfferContact> offers = new HashMap<>(visitor.offers());
        offers.putAll(customer.offers());
        ExposureMerger.Merged campaigns = ExposureMerger.merge(customer.campaigns(), visitor.campaigns(), at);
        return new MergedHistory(new ContactHistory(presentations, offers, campaigns.exposures()),
                campaigns.corrections());
    }

    /** The customer's profile listing {@code anonymousId} as stitched: a visitor that left no state of its own. */
    public CustomerProfile remember(CustomerProfile customer, String anonymousId, String customerId) {
        CustomerProfile base = customer != null ? customer : CustomerProfile.empty(customerId);
        if (base.stitchedIds().contains(anonymousId)) {
            return base;
        }
        List<String> stitched = new ArrayList<>(base.stitchedIds());
        stitched.add(anonymousId);
        return new CustomerProfile(base.subjectId(), base.known(), base.firstSeen(), base.lastSeen(), base.eventCount(),
                base.spend(), base.affinities(), base.recentPages(), base.channelUsage(), base.lastChannel(),
                base.consents(), base.attributes(), base.responseCounts(), base.feedback(), List.copyOf(stitched),
                base.changedAt());
    }

    private static CustomerProfile relabel(CustomerProfile visitor, String customerId, List<String> alreadyStitched) {
        Set<String> stitched = new HashSet<>(alreadyStitched);
        stitched.add(visitor.subjectId());
        stitched.addAll(visitor.stitchedIds());
        return new CustomerProfile(customerId, true, visitor.firstSeen(), visitor.lastSeen(), visitor.eventCount(),
                visitor.spend(), visitor.affinities(), visitor.recentPages(), visitor.channelUsage(),
                visitor.lastChannel(), visitor.consents(), visitor.attributes(), visitor.responseCounts(),
                visitor.feedback(), List.copyOf(stitched), visitor.changedAt());
    }

    private static CustomerProfile.Spend spend(CustomerProfile.Spend a, CustomerProfile.Spend b) {
        // The currency shown is the latest purchase's, whichever side made it.
        boolean bLater = b.lastPurchaseAt() != null && (a.lastPurchaseAt() == null || b.lastPurchaseAt() > a.lastPurchaseAt());
        String currency = bLater && b.currency() != null || a.currency() == null ? b.currency() : a.currency();
        boolean bRefundLater = bLater(a.lastRefundAt(), b.lastRefundAt());
        return new CustomerProfile.Spend(a.purchases() + b.purchases(), a.refunds() + b.refunds(), a.total() + b.total(),
                a.refunded() + b.refunded(), latest(a.lastPurchaseAt(), b.lastPurchaseAt()), currency,
                earliest(a.firstPurchaseAt(), b.firstPurchaseAt()),
                bLater ? b.lastPurchaseAmount() : a.lastPurchaseAmount(), latest(a.lastRefundAt(), b.lastRefundAt()),
                bRefundLater ? b.lastRefundAmount() : a.lastRefundAmount());
    }

    private static CustomerProfile.Feedback feedback(CustomerProfile.Feedback a, CustomerProfile.Feedback b) {
        return new CustomerProfile.Feedback(a.lastNps() != null ? a.lastNps() : b.lastNps(),
                a.lastRating() != null ? a.lastRating() : b.lastRating(), a.complaints() + b.complaints(),
                a.ideas() + b.ideas(), a.votes() + b.votes(), latest(a.lastComplaintAt(), b.lastComplaintAt()),
                a.reviews() + b.reviews(), latest(a.lastDetractorAt(), b.lastDetractorAt()),
                latest(a.lastPositiveAt(), b.lastPositiveAt()), positiveSinceIssue(a, b),
                bLater(a.lastComplaintAt(), b.lastComplaintAt()) || a.lastComplaint() == null ? b.lastComplaint()
                        : a.lastComplaint(), CustomerProfile.Feedback.latestComplaintTimes(
                        java.util.stream.Stream.concat(a.complaintTimes().stream(), b.complaintTimes().stream()).toList()));
    }

    private static boolean bLater(Long a, Long b) {
        return b != null && (a == null || b > a);
    }

    /**
     * The first positive feedback either side gave after the latest issue of both, if one did: a side's first praise
     * after its own issue, or, for a side whose praise answered no issue of its own, its latest.
     */
    private static Long positiveSinceIssue(CustomerProfile.Feedback a, CustomerProfile.Feedback b) {
        Long issueAt = latest(a.lastIssueAt(), b.lastIssueAt());
        Long first = null;
        for (Long at : new Long[] {a.positiveSinceIssueAt(), b.positiveSinceIssueAt(), a.lastPositiveAt(),
                b.lastPositiveAt()}) {
            if (at != null && issueAt != null && at > issueAt) {
                first = earliest(first, at);
            }
        }
        return first;
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new HashMap<>(a);
        b.forEach((key, value) -> sum.merge(key, value, Long::sum));
        return sum;
    }

    private static Long latest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static Long earliest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }
}
