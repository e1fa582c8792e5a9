package io.nbo.decisioning.relationship;

/**
 * Thresholds of the relationship measures. High value: net spend or purchase count at or above the
 * thresholds. High service need: service contacts (call-centre uses, complaints, refunds) at or above
 * {@code highNeedContacts}. Dissolution after {@code dissolutionDays} without any activity.
 */
public record RelationshipRules(double highValueNetSpend, long highValuePurchases, long highNeedContacts,
                                int dissolutionDays, int repairDays, int intimacyPurchases, int intimacyRecencyDays) {

    public static RelationshipRules defaults() {
        return new RelationshipRules(500, 5, 3, 180, 30, 5, 45);
    }

    public RelationshipRules {
        if (highValueNetSpend < 0 || highValuePurchases < 1 || highNeedContacts < 1 || dissolutionDays < 1
                || repairDays < 1 || intimacyPurchases < 1 || intimacyRecencyDays < 1) {
            throw new IllegalArgumentException("relationship thresholds must be positive");
        }
    }
}
