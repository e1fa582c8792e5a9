package io.nbo.decisioning.decision;

/**
 * Where and when an offer is asked for. {@code placement} may be null (any slot on the channel).
 * {@code quotesFacts}: whether explanations may quote the customer's values ("actual 244.0"), which only a caller
 * allowed to read the profile itself should see.
 */
public record DecisionRequest(String channel, String placement, int limit, long now, boolean quotesFacts) {
    public static final int MAX_LIMIT = 20;

    public DecisionRequest(String channel, String placement, int limit, long now) {
        this(channel, placement, limit, now, true);
    }

    public DecisionRequest {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("channel is required");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
