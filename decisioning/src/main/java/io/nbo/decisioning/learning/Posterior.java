package io.nbo.decisioning.learning;

import io.nbo.schemas.offers.Offer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;

/**
 * Beta posterior of an offer's accept rate in a segment: the offer's prior (its expected rate, worth
 * {@code priorStrength} presentations) plus the forgotten evidence. Cold start is the prior alone.
 */
public record Posterior(double alpha, double beta, double trials, double successes) {

    public static Posterior of(Offer offer, OfferModel model, String segment, long now, long halfLifeMillis) {
        SegmentStats stats = (model == null ? SegmentStats.NONE : model.segment(segment)).decayedTo(now, halfLifeMillis);
        double priorAlpha = offer.priorRate() * offer.priorWeight();
        double priorBeta = (1 - offer.priorRate()) * offer.priorWeight();
        double failures = Math.max(0, stats.trials() - stats.successes());
        return new Posterior(priorAlpha + stats.successes(), priorBeta + failures, stats.trials(), stats.successes());
    }

    public double mean() {
        return alpha / (alpha + beta);
    }

    /** One draw from Beta(alpha, beta), as the ratio of two gamma draws. */
    public double sample(UniformRandomProvider rng) {
        double x = AhrensDieterMarsagliaTsangGammaSampler.of(rng, alpha, 1).sample();
        double y = AhrensDieterMarsagliaTsangGammaSampler.of(rng, beta, 1).sample();
        return x + y == 0 ? mean() : x / (x + y);
    }
}
