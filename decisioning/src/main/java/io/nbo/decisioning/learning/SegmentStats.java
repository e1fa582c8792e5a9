package io.nbo.decisioning.learning;

/**
 * Presentations and successes (accept or convert) of one offer in one context segment, as exponentially
 * forgotten counts: older evidence weighs less, so a change of taste is followed.
 */
public record SegmentStats(double trials, double successes, long asOf) {
    public static final SegmentStats NONE = new SegmentStats(0, 0, 0);

    public SegmentStats decayedTo(long time, long halfLifeMillis) {
        if (time <= asOf || (trials == 0 && successes == 0)) {
            return this;
        }
        double keep = Math.pow(0.5, (double) (time - asOf) / halfLifeMillis);
        return new SegmentStats(trials * keep, successes * keep, time);
    }

    /** Adds evidence observed at {@code time}; evidence older than {@link #asOf} is added at its decayed weight. */
    public SegmentStats plus(double addedTrials, double addedSuccesses, long time, long halfLifeMillis) {
        if (time >= asOf) {
            SegmentStats now = decayedTo(time, halfLifeMillis);
            return new SegmentStats(now.trials + addedTrials, Math.min(now.trials + addedTrials,
                    now.successes + addedSuccesses), time);
        }
        double weight = Math.pow(0.5, (double) (asOf - time) / halfLifeMillis);
        return new SegmentStats(trials + addedTrials * weight,
                Math.min(trials + addedTrials * weight, successes + addedSuccesses * weight), asOf);
    }
}
