package io.nbo.decisioning.profile;

/**
 * Recency, frequency and monetary value, raw and as 1-5 scores, computed at read time so recency is
 * always relative to now rather than to when the profile was last written.
 */
public record Rfm(Long daysSinceLastPurchase, long frequency, double monetary, int recencyScore,
                  int frequencyScore, int monetaryScore) {
    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    public static Rfm of(CustomerProfile profile, long now) {
        CustomerProfile.Spend spend = profile.spend();
        Long days = spend.lastPurchaseAt() == null ? null : Math.max(0, (now - spend.lastPurchaseAt()) / DAY_MILLIS);
        return new Rfm(days, spend.purchases(), spend.net(), recencyScore(days), frequencyScore(spend.purchases()),
                monetaryScore(spend.net()));
    }

    static int recencyScore(Long days) {
        if (days == null) {
            return 1;
        }
        return days <= 7 ? 5 : days <= 30 ? 4 : days <= 90 ? 3 : days <= 365 ? 2 : 1;
    }

    static int frequencyScore(long purchases) {
        return purchases >= 20 ? 5 : purchases >= 10 ? 4 : purchases >= 5 ? 3 : purchases >= 2 ? 2 : 1;
    }

    static int monetaryScore(double net) {
        return net >= 5000 ? 5 : net >= 1000 ? 4 : net >= 250 ? 3 : net >= 50 ? 2 : 1;
    }

    public String code() {
        return "" + recencyScore + frequencyScore + monetaryScore;
    }
}
