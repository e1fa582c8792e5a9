package io.nbo.decisioning.relationship;

import java.util.List;

/**
 * A customer's relationship, measured from what they did and said.
 *
 * @param level 1 utility, 2 convenience, 3 comfort, 4 personal recognition, 5 self-expression, 6 co-creation
 * @param loyalty {@code active} (engaged: feedback, ideas, reviews or promoter NPS, and repeat purchases),
 *                {@code passive} (repeat purchases without engagement) or {@code none}
 * @param churnRisk 0-1 heuristic score from recency against the customer's own rhythm, open issues and NPS
 * @param openIssueSince time of the complaint, detractor score or broken purchase rhythm not yet followed by
 *                       an accepted recovery action or positive feedback; null when there is none
 * @param openIssueCause what opened that issue: {@code complaint}, {@code detractor score} or
 *                       {@code lapsed purchases}; null when there is none
 * @param openIssues every cause of the open issue not answered yet, oldest first: a complaint followed by a
 *                   detractor score leaves both open, and the agent must answer the complaint too
 * @param explanations one sentence per measure saying why it has its value
 */
public record RelationshipMeasures(String valueTier, String serviceNeed, String quadrant, int level, String levelName,
                                   String stage, String loyalty, double churnRisk, Long openIssueSince,
                                   String openIssueCause, List<OpenIssue> openIssues, List<String> explanations) {
    public RelationshipMeasures {
        openIssues = List.copyOf(openIssues);
        explanations = List.copyOf(explanations);
    }

    /** One unanswered cause: {@code complaint}, {@code detractor score} or {@code lapsed purchases}, and when. */
    public record OpenIssue(String cause, long since) {
    }

    public boolean needsRecovery() {
        return openIssueSince != null;
    }
}
