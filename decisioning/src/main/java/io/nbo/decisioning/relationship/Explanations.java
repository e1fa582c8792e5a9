package io.nbo.decisioning.relationship;

import static io.nbo.decisioning.Decimals.counted;
import static io.nbo.decisioning.Decimals.fixed;

import io.nbo.decisioning.profile.CustomerProfile;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sentence that says why a relationship measure has its value: a call-centre agent or a marketer reads
 * "Stage deterioration: no purchase for 95 days, over twice the usual 30" and can act on it, where the bare
 * name of the stage says nothing they could check.
 */
final class Explanations {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private Explanations() {
    }

    static String value(boolean high, CustomerProfile.Spend spend, RelationshipRules rules) {
        String facts = "net spend " + fixed(spend.net(), 2) + " over " + counted(spend.purchases(), "purchase", "purchases");
        if (!high) {
            return "Value low: " + facts + " (high from " + fixed(rules.highValueNetSpend(), 2) + " or "
                    + counted(rules.highValuePurchases(), "purchase", "purchases") + ")";
        }
        boolean bySpend = spend.net() >= rules.highValueNetSpend();
        return "Value high: " + facts + " (" + (bySpend ? "net spend" : "purchases") + " at or above "
                + (bySpend ? fixed(rules.highValueNetSpend(), 2) : Long.toString(rules.highValuePurchases())) + ")";
    }

    static String serviceNeed(boolean high, long contacts, RelationshipRules rules) {
        return "Service need " + (high ? "high" : "low") + ": " + counted(contacts, "service contact", "service contacts")
                + " (calls, complaints, refunds; high from " + rules.highNeedContacts() + ")";
    }

    static String level(int level, CustomerProfile profile, long selfService) {
        CustomerProfile.Feedback voice = profile.feedback();
        String name = "Level " + level + " (" + RelationshipAssessor.LEVEL_NAMES[level - 1] + "): ";
        return name + switch (level) {
            case 6 -> counted(voice.ideas(), "idea", "ideas") + " and " + counted(voice.votes(), "vote", "votes")
                    + " shared";
            case 5 -> counted(voice.reviews(), "rating with a written review", "ratings with a written review");
            case 4 -> profile.attributes().get("loyaltyTier") != null
                    ? "loyalty tier " + profile.attributes().get("loyaltyTier") : "a loyalty member";
            case 3 -> "an issue (a complaint, a detractor score or a lapse) answered by a recovery action or positive"
                    + " feedback";
            case 2 -> counted(selfService, "web or app interaction", "web and app interactions")
                    + " (self-service; level 2 from 3)";
            default -> counted(selfService, "web or app interaction", "web and app interactions")
                    + " (level 2 from 3), and no loyalty membership, review or idea yet";
        };
    }

    static String stage(Stage stage, CustomerProfile profile, Long openIssue, String openCause,
                        List<RelationshipMeasures.OpenIssue> open, Long resolvedAt, RelationshipRules rules, long now) {
        CustomerProfile.Spend spend = profile.spend();
        String name = "Stage " + stage.wireName() + ": ";
        return name + switch (stage) {
            case DISSOLUTION -> "no activity for " + days(now - profile.lastSeen()) + " (dissolved after "
                    + counted(rules.dissolutionDays(), "day", "days") + ")";
            // Every issue still waiting, oldest first: the latest alone read "for 0 days" beside a week-old complaint.
            case DETERIORATION -> open.size() > 1 ? "open issues: " + open.stream()
                    .map(issue -> issue.cause() + " " + waiting(now - issue.since()))
                    .collect(Collectors.joining(", "))
                    : openIssue != null ? "an open issue (" + openCause + ") "
                    + waiting(now - (open.isEmpty() ? openIssue : open.get(0).since()))
                    : "no purchase for " + days(now - spend.lastPurchaseAt()) + " (a lapse: more than twice the usual "
                    + days(spend.averageIntervalMillis()) + " between purchases, and more than 60)";
            case REPAIR -> "an issue resolved " + ago(now - resolvedAt) + " (repair lasts "
                    + counted(rules.repairDays(), "day", "days") + ")";
            case CONTACT -> "no purchase yet";
            case INTIMACY, INVOLVEMENT -> counted(spend.purchases(), "purchase", "purchases")
                    + (spend.lastPurchaseAt() == null ? "" : ", the last " + ago(now - spend.lastPurchaseAt()))
                    + " (intimacy from "
                    + counted(rules.intimacyPurchases(), "purchase", "purchases") + " with the last within "
                    + counted(rules.intimacyRecencyDays(), "day", "days") + ")";
        };
    }

    static String loyalty(String loyalty, long purchases) {
        return "Loyalty " + loyalty + ": " + switch (loyalty) {
            case "active" -> counted(purchases, "purchase", "purchases")
                    + " and engaged (ideas, votes, reviews or a promoter score)";
            case "passive" -> counted(purchases, "purchase", "purchases")
                    + ", without ideas, votes, reviews or a promoter score";
            default -> counted(purchases, "purchase", "purchases") + " (loyalty starts with 2)";
        };
    }

    static String churnRiskUnknown(double risk) {
        return "Churn risk " + fixed(risk, 2) + ": nothing known yet";
    }

    static String churnRisk(double risk, long since, long rhythm, boolean ownRhythm, boolean sincePurchase,
                            boolean openIssue, Integer nps, long purchases, boolean dissolved) {
        StringBuilder why = new StringBuilder("Churn risk ").append(fixed(risk, 2)).append(": ")
                .append(days(since)).append(sincePurchase ? " since the last purchase" : " since they were last heard from")
                .append(ownRhythm ? " against a rhythm of " : " against the default rhythm of ").append(days(rhythm))
                .append(ownRhythm ? "" : " (too few purchases for their own)");
        if (openIssue) {
            why.append(", an open issue");
        }
        if (nps != null) {
            why.append(", last NPS ").append(nps);
        }
        if (purchases > 0) {
            why.append(", ").append(counted(purchases, "purchase", "purchases"));
        }
        if (dissolved) {
            why.append("; at least 0.90 once the relationship has dissolved");
        }
        return why.toString();
    }

    /** How long an issue has waited: "for 0 days" read as nothing waiting to an agent answering this morning's call. */
    private static String waiting(long millis) {
        if (millis < -HOUR) {
            // A server's clock ahead (up to a day is taken): the issue's time is still to come on ours.
            return "dated " + counted(-millis / HOUR, "hour", "hours") + " ahead";
        }
        long hours = Math.max(0, millis) / HOUR;
        return "for " + (hours == 0 ? "under an hour" : millis < DAY ? counted(hours, "hour", "hours") : days(millis));
    }

    private static String ago(long millis) {
        return millis < DAY ? "today" : days(millis) + " ago";
    }

    /** Whole days, as the rules' day facts count them: "13 days" beside a rule's "actual 12" read as a mistake. */
    private static String days(long millis) {
        return counted(Math.max(0, millis) / DAY, "day", "days");
    }
}
