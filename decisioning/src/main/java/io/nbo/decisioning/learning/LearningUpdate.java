package io.nbo.decisioning.learning;

/** Evidence about one offer in one segment: a presentation (trial) and/or a success, at event time. */
public record LearningUpdate(String offerId, String segment, int trials, int successes, long at) {
    /** Evidence closer in time than this may be summed: forgetting (a half-life of days) cannot tell it apart. */
    public static final long SUMMING_MILLIS = 1000;

    /** Updates with equal keys may be {@link #plus summed}: the same offer, segment and second of event time. */
    public String summingKey() {
        return offerId + '\n' + segment + '\n' + Math.floorDiv(at, SUMMING_MILLIS);
    }

    /**
     * Dated no later than {@code now}: forgetting decays a model's evidence up to its latest update, so one event
     * dated in the future (a client's clock ahead) would age every other piece of evidence by that much.
     */
    public LearningUpdate notAfter(long now) {
        return at <= now ? this : new LearningUpdate(offerId, segment, trials, successes, now);
    }

    /** Both pieces of evidence as one, dated at the later of the two. */
    public LearningUpdate plus(LearningUpdate other) {
        return new LearningUpdate(offerId, segment, trials + other.trials, successes + other.successes,
                Math.max(at, other.at));
    }
}
