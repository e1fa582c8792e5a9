package io.nbo.load.sim;

/** Accumulated outcome of one policy over the simulated decisions. */
public final class PolicyScore {
    private final String policy;
    private long decisions;
    private long accepts;
    private double revenue;

    public PolicyScore(String policy) {
        this.policy = policy;
    }

    public void record(boolean accepted, double value) {
        decisions++;
        if (accepted) {
            accepts++;
            revenue += value;
        }
    }

    public String policy() {
        return policy;
    }

    public long decisions() {
        return decisions;
    }

    public double acceptRate() {
        return decisions == 0 ? 0 : (double) accepts / decisions;
    }

    public double revenuePerDecision() {
        return decisions == 0 ? 0 : revenue / decisions;
    }
}
