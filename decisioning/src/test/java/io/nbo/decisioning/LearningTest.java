package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nbo.decisioning.learning.LearningUpdate;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.decisioning.learning.Posterior;
import io.nbo.decisioning.learning.SegmentStats;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class LearningTest {
    private static final long HALF_LIFE = 14 * DAY;
    private final Offer offer = new Offer("o1", "c", "O", null, "books", List.of("web"), List.of(), 10, 1, null, null,
            List.of(), null, List.of(), 0.1, 10.0, null, null, null);

    private OfferModel learn(int trials, int successes, long at) {
        OfferModel model = OfferModel.empty("o1");
        for (int i = 0; i < trials; i++) {
            model = model.with(new LearningUpdate("o1", "web/top", 1, i < successes ? 1 : 0, at), HALF_LIFE);
        }
        return model;
    }

    @Test
    void shouldStartFromTheOffersPrior() {
        Posterior cold = Posterior.of(offer, OfferModel.empty("o1"), "web/top", null, T0, HALF_LIFE);

        assertThat(cold.mean()).isCloseTo(0.1, within(1e-12));
        assertThat(cold.alpha() + cold.beta()).isCloseTo(10, within(1e-12));
    }

    @Test
    void shouldMovePropensityUpWithAcceptsAndDownWithoutThem() {
        double prior = Posterior.of(offer, null, "web/top", null, T0, HALF_LIFE).mean();

        double liked = Posterior.of(offer, learn(100, 40, T0), "web/top", null, T0, HALF_LIFE).mean();
        double ignored = Posterior.of(offer, learn(100, 0, T0), "web/top", null, T0, HALF_LIFE).mean();

        assertThat(liked).isGreaterThan(prior).isCloseTo(41.0 / 110, within(1e-9));
        assertThat(ignored).isLessThan(prior).isCloseTo(1.0 / 110, within(1e-9));
        assertThat(Posterior.of(offer, learn(100, 40, T0), "web/none", null, T0, HALF_LIFE).mean())
                .as("another segment learns separately").isCloseTo(prior, within(1e-12));
    }

    @Test
    void shouldLearnPerValueTierStartingFromWhatEveryTierTaught() {
        OfferModel model = OfferModel.empty("o1");
        for (int i = 0; i < 300; i++) {
            model = model.with(new LearningUpdate("o1", "web/top/high", 1, i % 100 < 15 ? 1 : 0, T0), HALF_LIFE);
            model = model.with(new LearningUpdate("o1", "web/top/low", 1, i % 100 < 2 ? 1 : 0, T0), HALF_LIFE);
        }

        assertThat(model.segment("web/top").trials()).as("both tiers, pooled").isCloseTo(600, within(1e-9));
        Posterior high = Posterior.of(offer, model, "web/top/high", "web/top", T0, HALF_LIFE);
        Posterior low = Posterior.of(offer, model, "web/top/low", "web/top", T0, HALF_LIFE);
        // Each tier starts from the other's mean with the prior, (0.1 × 10 + successes) / (10 + 300), worth 10 + 50
        // presentations, then adds its own: its own evidence counts once, though the pooled segment holds it too.
        double fromLow = 7.0 / 310;
        double fromHigh = 46.0 / 310;
        assertThat(high.pooledMean()).isCloseTo(fromLow, within(1e-9));
        assertThat(high.pooledTrials()).isCloseTo(300, within(1e-9));
        assertThat(high.mean()).isCloseTo((fromLow * 60 + 45) / 360, within(1e-9)).isGreaterThan(0.12);
        assertThat(low.mean()).isCloseTo((fromHigh * 60 + 6) / 360, within(1e-9)).isLessThan(0.05);
        assertThat(high.trials()).as("its own evidence").isCloseTo(300, within(1e-9));
        OfferModel oneTier = OfferModel.empty("o1").with(new LearningUpdate("o1", "web/top/low", 10, 1, T0), HALF_LIFE);
        assertThat(Posterior.of(offer, oneTier, "web/top/low", "web/top", T0, HALF_LIFE).alpha()
                + Posterior.of(offer, oneTier, "web/top/low", "web/top", T0, HALF_LIFE).beta())
                .as("a tier alone is as sure as its own evidence and the prior make it, no surer")
                .isCloseTo(20, within(1e-9));
        Posterior firstOfATier = Posterior.of(offer, OfferModel.empty("o1").with(
                new LearningUpdate("o1", "web/top/low", 100, 30, T0), HALF_LIFE), "web/top/high", "web/top", T0,
                HALF_LIFE);
        assertThat(firstOfATier.mean()).as("a tier never seen starts from the others, not from the prior alone")
                .isCloseTo((31.0 / 110 * 60) / 60, within(1e-9));
        assertThat(Posterior.of(offer, model, "web/top", null, T0, HALF_LIFE).mean()).as("a segment naming no tier, as"
                + " models learned before tiers hold: as before").isCloseTo(52.0 / 610, within(1e-9));
    }

    @Test
    void shouldForgetOldEvidenceSoChangedTastesAreFollowed() {
        OfferModel model = learn(100, 40, T0);
        Posterior fresh = Posterior.of(offer, model, "web/top", null, T0, HALF_LIFE);
        Posterior later = Posterior.of(offer, model, "web/top", null, T0 + HALF_LIFE, HALF_LIFE);

        assertThat(later.trials()).isCloseTo(50, within(1e-9));
        assertThat(later.alpha() + later.beta()).isLessThan(fresh.alpha() + fresh.beta());
        SegmentStats late = new SegmentStats(10, 5, T0).plus(2, 2, T0 - HALF_LIFE, HALF_LIFE);
        assertThat(late.trials()).isCloseTo(11, within(1e-9));
        assertThat(late.successes()).isCloseTo(6, within(1e-9));
    }

    @Test
    void shouldDrawSamplesAroundTheMeanThatNarrowWithEvidence() {
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        Posterior wide = Posterior.of(offer, null, "web/top", null, T0, HALF_LIFE);
        Posterior narrow = Posterior.of(offer, learn(2000, 200, T0), "web/top", null, T0, HALF_LIFE);

        double wideSpread = spread(wide, rng);
        double narrowSpread = spread(narrow, rng);

        assertThat(narrowSpread).isLessThan(wideSpread / 5);
        double mean = 0;
        for (int i = 0; i < 4000; i++) {
            mean += narrow.sample(rng) / 4000;
        }
        assertThat(mean).isCloseTo(narrow.mean(), within(0.005));
    }

    private static double spread(Posterior posterior, org.apache.commons.rng.UniformRandomProvider rng) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 4000; i++) {
            double x = posterior.sample(rng);
            sum += x;
            squares += x * x;
        }
        double mean = sum / 4000;
        return Math.sqrt(squares / 4000 - mean * mean);
    }
}
