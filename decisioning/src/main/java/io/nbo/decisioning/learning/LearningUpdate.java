package io.nbo.decisioning.learning;

/** Evidence about one offer in one segment: a presentation (trial) and/or a success, at event time. */
public record LearningUpdate(String offerId, String segment, int trials, int successes, long at) {
}
