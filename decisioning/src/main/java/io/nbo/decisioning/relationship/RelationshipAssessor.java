package io.nbo.decisioning.relationship;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileUpdater;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the relationship measures from a profile at a moment. Pure and cheap (no I/O), so the topology,
 * the decision funnel and the call-centre view all see the same values. {@code lastRecoveryAt} is when a
 * service-recovery action was last accepted (known from contact history), or null.
 */
public final class RelationshipAssessor {
    static final String[] LEVEL_NAMES = {"utility", "convenience", "comfort", "personal recognition",
        "self-expression", "co-creation"};
    private static final long DAY = 86_400_000L;
    private static final double DISSOLVED_RISK = 0.9;

    private final RelationshipRules rules;

    public RelationshipAssessor(RelationshipRules rules) {
        this.rules = rules;
    }

    /** When a service-recovery action of the catalogue was last accepted by this customer, or null. */
    public static Long lastRecovery(java.util.Collection<io.nbo.schemas.offers.Offer> catalogue,
                                    io.nbo.decisioning.contact.ContactHistory history) {
        Long last = null;
        for (io.nbo.schemas.offers.Offer offer : catalogue) {
            if (offer.recovery()) {
                Long accepted = history.offer(offer.offerId()).lastAcceptAt();
                if (accepted != null && (last == null || accepted > last)) {
                    last = accepted;
                }
            }
        }
        return last;
    }

    /** Read by agents on a call: to the minute, in one zone whatever the browser's. */
    private static final java.time.format.DateTimeFormatter MINUTES = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    public RelationshipMeasures assess(CustomerProfile profile, Long lastRecoveryAt, long now) {
        List<String> why = new ArrayList<>();
        CustomerProfile.Spend spend = profile.spend();
        CustomerProfile.Feedback voice = profile.feedback();

        boolean highValue = spend.net() >= rules.highValueNetSpend() || spend.purchases() >= rules.highValuePurchases();
        long contacts = profile.channelUsage().getOrDefault("call-centre", 0L) + voice.complaints() + spend.refunds();
        boolean highNeed = contacts >= rules.highNeedContacts();
        String valueTier = highValue ? "high" : "low";
        String serviceNeed = highNeed ? "high" : "low";
        why.add(Explanations.value(highValue, spend, rules));
        why.add(Explanations.serviceNeed(highNeed, contacts, rules));

        Long issueAt = max(voice.lastComplaintAt(), voice.lastDetractorAt());
        String cause = issueAt == null ? null
                : issueAt.equals(voice.lastComplaintAt()) ? "complaint" : "detractor score";
        Long lapsedAt = null;
        boolean overdue = overdue(spend, now);
        if (overdue) {
            // A repeat buyer gone quiet is an issue too: it opens when their rhythm was broken.
            lapsedAt = spend.lastPurchaseAt() + Math.max(2 * spend.averageIntervalMillis(), 60 * DAY);
            if (issueAt == null || lapsedAt > issueAt) {
                issueAt = lapsedAt;
                cause = "lapsed purchases";
            }
        }
        Long resolvedAt = resolution(issueAt, voice, lastRecoveryAt);
        for (int answered = 0; answered < 3 && overdue && answered(issueAt, resolvedAt)
                && days(now - resolvedAt) > rules.repairDays(); answered++) {
            // A repair that ran out with still no purchase did not win them back: the lapse is open again from its
            // end, so deterioration always comes with an issue a recovery action can answer.
            lapsedAt = resolvedAt + (rules.repairDays() + 1) * DAY;
            issueAt = lapsedAt;
            cause = "lapsed purchases";
            resolvedAt = resolution(issueAt, voice, lastRecoveryAt);
        }
        Long openIssue = issueAt != null && !answered(issueAt, resolvedAt) ? issueAt : null;
        String openCause = openIssue == null ? null : cause;
        List<RelationshipMeasures.OpenIssue> open = new ArrayList<>();
        if (openIssue != null) {
            // Nothing answered the latest issue, so whatever came after the last answer is still waiting for one.
            // Dated by the first complaint still unanswered: a second complaint does not make the wait shorter.
            Long firstComplaint = voice.firstComplaintAfter(resolvedAt);
            addIfAfter(open, "complaint", firstComplaint != null ? firstComplaint : voice.lastComplaintAt(), resolvedAt);
            addIfAfter(open, "detractor score", voice.lastDetractorAt(), resolvedAt);
            addIfAfter(open, "lapsed purchases", lapsedAt, resolvedAt);
            open.sort(java.util.Comparator.comparingLong(RelationshipMeasures.OpenIssue::since));
        }

        long selfService = profile.channelUsage().getOrDefault("web", 0L) + profile.channelUsage().getOrDefault("app", 0L);
        int level = level(profile, selfService, issueAt, resolvedAt);
        why.add(Explanations.level(level, profile, selfService));

        Stage stage = stage(profile, openIssue, issueAt, resolvedAt, now);
        why.add(Explanations.stage(stage, profile, openIssue, openCause, open, resolvedAt, rules, now));

        boolean engaged = voice.ideas() + voice.votes() + voice.reviews() > 0
                || (voice.lastNps() != null && voice.lastNps() >= ProfileUpdater.PROMOTER_NPS);
        String loyalty = spend.purchases() < 2 ? "none" : engaged ? "active" : "passive";
        why.add(Explanations.loyalty(loyalty, spend.purchases()));

        double risk = churnRisk(profile, openIssue != null, stage == Stage.DISSOLUTION, now, why);
        if (openIssue != null) {
            why.add("Open issue: " + open.stream().map(issue -> issue.cause() + " since "
                    + MINUTES.format(java.time.Instant.ofEpochMilli(issue.since())))
                    .collect(java.util.stream.Collectors.joining(", ")) + ": service recovery first");
        }
        return new RelationshipMeasures(valueTier, serviceNeed, valueTier + " value / " + serviceNeed + " need",
                level, LEVEL_NAMES[level - 1], stage.wireName(), loyalty, risk, openIssue, openCause, open, why);
    }

    /** Whether the answer came after the issue: one at the same moment may not have known of it, so it stays open. */
    private static boolean answered(Long issueAt, Long answeredAt) {
        return issueAt != null && answeredAt != null && answeredAt > issueAt;
    }

    private static void addIfAfter(List<RelationshipMeasures.OpenIssue> open, String cause, Long at, Long answeredAt) {
        if (at != null && !answered(at, answeredAt)) {
            open.add(new RelationshipMeasures.OpenIssue(cause, at));
        }
    }

    private static int level(CustomerProfile profile, long selfService, Long issueAt, Long resolvedAt) {
        CustomerProfile.Feedback voice = profile.feedback();
        Object tier = profile.attributes().get("loyaltyTier");
        Object member = profile.attributes().get("loyaltyMember");
        if (voice.ideas() + voice.votes() > 0) {
            return 6;
        }
        if (voice.reviews() > 0) {
            return 5;
        }
        if (tier != null || Boolean.TRUE.equals(member)) {
            return 4;
        }
        if (answered(issueAt, resolvedAt)) {
            return 3;
        }
        if (selfService >= 3) {
            return 2;
        }
        return 1;
    }

    /**
     * Thresholds are in whole days, as the rules' day facts and the explanations count them: "the last 45 days ago
     * (intimacy ... within 45 days)" beside a stage other than intimacy read as a mistake.
     */
    private Stage stage(CustomerProfile profile, Long openIssue, Long issueAt, Long resolvedAt, long now) {
        CustomerProfile.Spend spend = profile.spend();
        if (!profile.isNew() && days(now - profile.lastSeen()) > rules.dissolutionDays()) {
            return Stage.DISSOLUTION;
        }
        boolean repairing = resolvedAt != null && days(now - resolvedAt) <= rules.repairDays();
        if (openIssue != null || (overdue(spend, now) && !repairing)) {
            return Stage.DETERIORATION;
        }
        boolean hadIssue = issueAt != null || overdue(spend, now);
        if (hadIssue && repairing) {
            return Stage.REPAIR;
        }
        if (spend.purchases() == 0) {
            return Stage.CONTACT;
        }
        if (spend.purchases() >= rules.intimacyPurchases() && spend.lastPurchaseAt() != null
                && days(now - spend.lastPurchaseAt()) <= rules.intimacyRecencyDays()) {
            return Stage.INTIMACY;
        }
        return Stage.INVOLVEMENT;
    }

    /** A repeat buyer whose silence is more than twice their own rhythm and more than 60 days, in whole days. */
    private static boolean overdue(CustomerProfile.Spend spend, long now) {
        Long interval = spend.averageIntervalMillis();
        return interval != null && spend.lastPurchaseAt() != null
                && days(now - spend.lastPurchaseAt()) > Math.max(2 * interval, 60 * DAY) / DAY;
    }

    private static long days(long millis) {
        return Math.max(0, millis) / DAY;
    }

    /**
     * A heuristic from silence against the customer's own rhythm, issues and scores; at least {@value #DISSOLVED_RISK}
     * once the relationship has dissolved, since a rhythm drawn out by purchases years apart otherwise reads a long
     * silence as usual.
     */
    private static double churnRisk(CustomerProfile profile, boolean openIssue, boolean dissolved, long now,
                                    List<String> why) {
        if (profile.isNew()) {
            why.add(Explanations.churnRiskUnknown(0.5));
            return 0.5;
        }
        CustomerProfile.Spend spend = profile.spend();
        Long interval = spend.averageIntervalMillis();
        long rhythm = Math.max(interval == null ? 30 * DAY : interval, DAY);
        long since = now - (spend.lastPurchaseAt() == null ? profile.lastSeen() : spend.lastPurchaseAt());
        double z = -2.0 + 1.5 * Math.min(3.0, (double) since / rhythm);
        Integer nps = profile.feedback().lastNps();
        z += openIssue ? 1.2 : 0;
        z += nps != null && nps <= ProfileUpdater.DETRACTOR_NPS ? 0.8 : 0;
        z -= nps != null && nps >= ProfileUpdater.PROMOTER_NPS ? 0.8 : 0;
        z -= Math.min(1.0, spend.purchases() / 10.0);
        double risk = Math.round(1000 / (1 + Math.exp(-z))) / 1000.0;
        risk = dissolved ? Math.max(risk, DISSOLVED_RISK) : risk;
        why.add(Explanations.churnRisk(risk, since, rhythm, interval != null, spend.lastPurchaseAt() != null, openIssue,
                nps, spend.purchases(), dissolved));
        return risk;
    }

    /**
     * When the issue was answered: the first of a recovery offer accepted and praise after it, since later praise is
     * a sound relationship, not the repair starting again. The first praise is known after a complaint or detractor
     * score; after a lapse, and in profiles written before it was kept, the latest stands in. With nothing after the
     * issue, the latest answer to an earlier one, which leaves this one open.
     */
    private static Long resolution(Long issueAt, CustomerProfile.Feedback voice, Long lastRecoveryAt) {
        Long latest = max(lastRecoveryAt, voice.lastPositiveAt());
        if (issueAt == null) {
            return latest;
        }
        Long firstPraise = voice.positiveSinceIssueAt();
        Long praise = firstPraise != null && firstPraise > issueAt ? firstPraise : voice.lastPositiveAt();
        Long first = null;
        for (Long answer : new Long[] {lastRecoveryAt, praise}) {
            if (answer != null && answer > issueAt && (first == null || answer < first)) {
                first = answer;
            }
        }
        return first != null ? first : latest;
    }

    private static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Math.max(a, b);
    }
}
