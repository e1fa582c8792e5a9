package io.nbo.decisioning.profile;

import io.nbo.decisioning.profile.CustomerProfile.Feedback;
import io.nbo.decisioning.profile.CustomerProfile.PageVisit;
import io.nbo.decisioning.profile.CustomerProfile.Spend;
import io.nbo.schemas.events.ClickstreamEvent;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.CustomerUpdate;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.events.FeedbackEvent;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one validated event into a profile. Pure: same profile and event, same result. Late events are
 * applied at their own event time (affinities decay from when things happened, not when they arrived).
 * Callers are responsible for feeding each event once (the topology de-duplicates by event id).
 */
public final class ProfileUpdater {
    /** NPS at or below this is a detractor; at or above {@link #PROMOTER_NPS} a promoter. */
    public static final int DETRACTOR_NPS = 6;
    public static final int PROMOTER_NPS = 9;
    public static final int GOOD_RATING = 4;
    /** A rating at or below this is a detractor score as an NPS of {@link #DETRACTOR_NPS} or less is: an issue. */
    public static final int POOR_RATING = 2;

    private final ProfileRules rules;

    public ProfileUpdater(ProfileRules rules) {
        this.rules = rules;
    }

    public CustomerProfile apply(CustomerProfile current, CustomerEvent event) {
        CustomerProfile base = current != null ? current : CustomerProfile.empty(event.subjectId());
        Builder next = new Builder(base, event);
        if (event instanceof ClickstreamEvent click) {
            next.click(click);
        } else if (event instanceof TransactionEvent transaction) {
            next.transaction(transaction);
        } else if (event instanceof OfferResponse response) {
            next.response(response);
        } else if (event instanceof FeedbackEvent feedback) {
            next.feedback(feedback);
        } else if (event instanceof CustomerUpdate update) {
            next.update(update);
        }
        return next.build();
    }

    private final class Builder {
        private final CustomerProfile base;
        private final CustomerEvent event;
        private final Map<String, Affinity> affinities;
        private List<PageVisit> recentPages;
        private Spend spend;
        private Feedback feedback;
        private Map<String, Boolean> consents;
        private Map<String, Object> attributes;
        private final Map<String, Long> responseCounts;
        private final Map<String, Long> changedAt;

        Builder(CustomerProfile base, CustomerEvent event) {
            this.base = base;
            this.event = event;
            this.affinities = new HashMap<>(base.affinities());
            this.recentPages = base.recentPages();
            this.spend = base.spend();
            this.feedback = base.feedback();
            this.consents = base.consents();
            this.attributes = base.attributes();
            this.responseCounts = new HashMap<>(base.responseCounts());
            this.changedAt = new HashMap<>(base.changedAt());
        }

        void click(ClickstreamEvent click) {
            double weight = switch (click.eventType()) {
                case PRODUCT_VIEW -> rules.productViewWeight();
                case ADD_TO_CART -> rules.cartWeight();
                case REMOVE_FROM_CART -> -rules.cartWeight() / 2;
                default -> rules.viewWeight();
            };
            if (click.category() != null) {
                addInterest(click.category(), weight);
            }
            if (click.page() != null || click.productId() != null || click.category() != null) {
                remember(new PageVisit(click.page(), click.category(), click.productId(), click.type(),
                        click.timestamp()));
            }
        }

        void transaction(TransactionEvent transaction) {
            boolean purchase = transaction.eventType() == EventType.PURCHASE;
            double weight = purchase ? rules.purchaseWeight() : rules.refundWeight();
            // Summed per category first: a refund of three items takes back at most half once, not three times.
            Map<String, Double> byCategory = new LinkedHashMap<>();
            transaction.items().stream()
                    .filter(item -> item.category() != null)
                    .forEach(item -> byCategory.merge(item.category(), weight, Double::sum));
            byCategory.forEach(this::addInterest);
            if (purchase) {
                Long lastPurchase = spend.lastPurchaseAt() == null ? transaction.timestamp()
                        : Math.max(spend.lastPurchaseAt(), transaction.timestamp());
                Long firstPurchase = spend.firstPurchaseAt() == null ? transaction.timestamp()
                        : Math.min(spend.firstPurchaseAt(), transaction.timestamp());
                // The currency shown is the latest purchase's by event time, whatever order events arrive in.
                boolean latest = spend.lastPurchaseAt() == null || transaction.timestamp() >= spend.lastPurchaseAt();
                String currency = latest && transaction.currency() != null || spend.currency() == null
                        ? transaction.currency() : spend.currency();
                spend = new Spend(spend.purchases() + 1, spend.refunds(), spend.total() + transaction.amount(),
                        spend.refunded(), lastPurchase, currency, firstPurchase,
                        latest ? transaction.amount() : spend.lastPurchaseAmount(), spend.lastRefundAt(),
                        spend.lastRefundAmount());
            } else {
                boolean latest = spend.lastRefundAt() == null || transaction.timestamp() >= spend.lastRefundAt();
                spend = new Spend(spend.purchases(), spend.refunds() + 1, spend.total(),
                        spend.refunded() + transaction.amount(), spend.lastPurchaseAt(),
                        spend.currency() != null ? spend.currency() : transaction.currency(), spend.firstPurchaseAt(),
                        spend.lastPurchaseAmount(), latest ? transaction.timestamp() : spend.lastRefundAt(),
                        latest ? transaction.amount() : spend.lastRefundAmount());
            }
        }

        void response(OfferResponse response) {
            responseCounts.merge(response.outcome(), 1L, Long::sum);
        }

        void feedback(FeedbackEvent voice) {
            Feedback f = feedback;
            long at = voice.timestamp();
            Integer nps = f.lastNps();
            Integer rating = f.lastRating();
            long complaints = f.complaints();
            long ideas = f.ideas();
            long votes = f.votes();
            long reviews = f.reviews();
            Long lastComplaintAt = f.lastComplaintAt();
            Long lastDetractorAt = f.lastDetractorAt();
            Long lastPositiveAt = f.lastPositiveAt();
            CustomerProfile.Complaint lastComplaint = f.lastComplaint();
            List<Long> complaintTimes = f.complaintTimes();
            boolean positive = false;
            switch (voice.eventType()) {
                case NPS -> {
                    nps = newest("feedback:nps", at) ? voice.nps() : nps;
                    if (voice.nps() <= DETRACTOR_NPS) {
                        lastDetractorAt = latest(lastDetractorAt, at);
                    } else if (voice.nps() >= PROMOTER_NPS) {
                        positive = true;
                    }
                }
                case RATING -> {
                    rating = newest("feedback:rating", at) ? voice.rating() : rating;
                    // A scathing review is the customer's voice too, but an issue to answer, not engagement.
                    reviews += voice.text() != null && !voice.text().isBlank() && voice.rating() > POOR_RATING ? 1 : 0;
                    positive = voice.rating() >= GOOD_RATING;
                    if (voice.rating() <= POOR_RATING) {
                        lastDetractorAt = latest(lastDetractorAt, at);
                    }
                }
                case COMPLAINT -> {
                    complaints++;
                    if (lastComplaintAt == null || at >= lastComplaintAt) {
                        lastComplaint = CustomerProfile.Complaint.of(voice.text(), voice.topic());
                    }
                    lastComplaintAt = latest(lastComplaintAt, at);
                    List<Long> times = new java.util.ArrayList<>(complaintTimes);
                    if (times.isEmpty() && f.lastComplaintAt() != null) {
                        // A profile kept before the times were: its latest complaint is the one known.
                        times.add(f.lastComplaintAt());
                    }
                    times.add(at);
                    complaintTimes = Feedback.latestComplaintTimes(times);
                }
                case IDEA -> ideas++;
                default -> votes++;
            }
            Long positiveSinceIssueAt = f.positiveSinceIssueAt();
            if (positive) {
                lastPositiveAt = latest(lastPositiveAt, at);
                Long issueAt = f.lastIssueAt(); // praise opens no issue
                if (issueAt != null && at > issueAt) {
                    positiveSinceIssueAt = positiveSinceIssueAt == null || positiveSinceIssueAt <= issueAt ? at
                            : Math.min(positiveSinceIssueAt, at);
                }
            }
            feedback = new Feedback(nps, rating, complaints, ideas, votes, lastComplaintAt, reviews, lastDetractorAt,
                    lastPositiveAt, positiveSinceIssueAt, lastComplaint, complaintTimes);
        }

        /** Records {@code at} for {@code key} and says whether it is the newest setting seen (ties: the later arrival). */
        private boolean newest(String key, long at) {
            Long previous = changedAt.get(key);
            if (previous != null && previous > at) {
                return false;
            }
            changedAt.put(key, at);
            return true;
        }

        private Long latest(Long current, long at) {
            return current == null ? at : Math.max(current, at);
        }

        void update(CustomerUpdate update) {
            long at = update.timestamp();
            if (update.consents() != null) {
                Map<String, Boolean> merged = new HashMap<>(consents);
                update.consents().forEach((name, given) -> {
                    // In doubt, no consent: a give dated the same moment as a withdrawal leaves it withdrawn,
                    // whichever arrived last.
                    Long previous = changedAt.get("consent:" + name);
                    boolean tiedWithAWithdrawal = previous != null && previous == at && given
                            && Boolean.FALSE.equals(merged.get(name));
                    if (!tiedWithAWithdrawal && newest("consent:" + name, at)) {
                        merged.put(name, given);
                    }
                });
                consents = merged;
            }
            if (update.attributes() != null) {
                Map<String, Object> merged = new HashMap<>(attributes);
                update.attributes().forEach((name, value) -> {
                    if (!newest("attribute:" + name, at)) {
                        return;
                    }
                    if (value == null) {
                        merged.remove(name);
                    } else {
                        merged.put(name, value);
                    }
                });
                attributes = merged;
                ProfileLimits.forgetOldRemovals(changedAt, attributes);
            }
        }

        private void addInterest(String category, double amount) {
            if (amount < 0 && !affinities.containsKey(category)) {
                // Nothing to take back: a refund of an order from before the profile began names no interest.
                return;
            }
            Affinity existing = affinities.getOrDefault(category, new Affinity(0, event.timestamp()));
            affinities.put(category, existing.plus(amount, event.timestamp(), rules.halfLifeMillis()));
            if (affinities.size() > rules.categoriesKept()) {
                long now = Math.max(base.lastSeen(), event.timestamp());
                affinities.entrySet().stream()
                        .min(Comparator.comparingDouble(e -> e.getValue().weightAt(now, rules.halfLifeMillis())))
                        .map(Map.Entry::getKey)
                        .ifPresent(affinities::remove);
            }
        }

        private void remember(PageVisit visit) {
            List<PageVisit> pages = new ArrayList<>(recentPages);
            pages.add(visit);
            pages.sort(Comparator.comparingLong(PageVisit::at));
            if (pages.size() > rules.recentPagesKept()) {
                pages = pages.subList(pages.size() - rules.recentPagesKept(), pages.size());
            }
            recentPages = pages;
        }

        CustomerProfile build() {
            long time = event.timestamp();
            // Answers to offers and consent or attribute updates (often a back office's) are recorded, but are not
            // the customer coming by: they neither revive a dissolved relationship nor count as channel contacts
            // (an agent recording three outcomes in one call is not three calls).
            boolean activity = !(event instanceof OfferResponse) && !(event instanceof CustomerUpdate);
            long firstSeen = base.isNew() ? time : activity ? Math.min(base.firstSeen(), time) : base.firstSeen();
            long lastSeen = base.isNew() ? time : activity ? Math.max(base.lastSeen(), time) : base.lastSeen();
            Map<String, Long> channels = new HashMap<>(base.channelUsage());
            String lastChannel = base.lastChannel();
            if (activity && event.channel() != null) {
                channels.merge(event.channel(), 1L, Long::sum);
                if (time >= base.lastSeen()) {
                    lastChannel = event.channel();
                }
            }
            return new CustomerProfile(base.subjectId(), base.known() || event.customerId() != null, firstSeen,
                    lastSeen, base.eventCount() + 1, spend, affinities, recentPages, channels, lastChannel, consents,
                    attributes, responseCounts, feedback, base.stitchedIds(), changedAt);
        }
    }
}
