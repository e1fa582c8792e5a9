package io.nbo.decisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nbo.decisioning.campaigns.ControlGroups;
import io.nbo.decisioning.campaigns.Lift;
import io.nbo.schemas.campaigns.Campaign;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CampaignMathsTest {
    private static Campaign withControl(double share, String salt) {
        return new Campaign("camp", "Camp", share, salt, null, null, 1.0, null, null, null, null);
    }

    @Test
    void shouldAssignTheSameGroupEveryTime() {
        Campaign campaign = withControl(0.2, null);
        for (int i = 0; i < 100; i++) {
            boolean first = ControlGroups.inControl("c-" + i, campaign);
            assertThat(ControlGroups.inControl("c-" + i, withControl(0.2, null))).isEqualTo(first);
        }
    }

    @Test
    void shouldHoldOutTheConfiguredShare() {
        long control = IntStream.range(0, 20_000).filter(i -> ControlGroups.inControl("c-" + i, withControl(0.2, null)))
                .count();

        assertThat(control / 20_000.0).isCloseTo(0.2, within(0.015));
        assertThat(IntStream.range(0, 1000).filter(i -> ControlGroups.inControl("c-" + i, withControl(0, null))).count())
                .isZero();
    }

    @Test
    void shouldOnlyMoveCustomersIntoControlWhenTheShareGrows() {
        for (int i = 0; i < 2000; i++) {
            if (ControlGroups.inControl("c-" + i, withControl(0.1, null))) {
                assertThat(ControlGroups.inControl("c-" + i, withControl(0.3, null))).isTrue();
            }
        }
    }

    @Test
    void shouldReshuffleWithAnotherSalt() {
        long same = IntStream.range(0, 2000).filter(i -> ControlGroups.inControl("c-" + i, withControl(0.5, "a"))
                == ControlGroups.inControl("c-" + i, withControl(0.5, "b"))).count();

        assertThat(same / 2000.0).isCloseTo(0.5, within(0.05));
    }

    @Test
    void shouldComputeProportionLiftLikeTheHandWorkedCase() {
        // treatment 120/1000 = 0.12, control 80/1000 = 0.08; Wilson intervals [0.101163, 0.142064] and
        // [0.064763, 0.098398]; Newcombe: 0.04 - hypot(0.12 - 0.101163, 0.098398 - 0.08) = 0.013718 and
        // 0.04 + hypot(0.142064 - 0.12, 0.08 - 0.064763) = 0.066449
        Lift.Estimate lift = Lift.ofProportions(120, 1000, 80, 1000);

        assertThat(lift.difference()).isCloseTo(0.04, within(1e-12));
        assertThat(lift.low()).isCloseTo(0.013718, within(1e-5));
        assertThat(lift.high()).isCloseTo(0.066449, within(1e-5));
        assertThat(lift.relative()).isCloseTo(0.5, within(1e-12));
        assertThat(lift.significant()).isTrue();
        assertThat(lift.treatmentSize()).isEqualTo(1000);
    }

    @Test
    void shouldNotCallASmallDifferenceSignificant() {
        Lift.Estimate lift = Lift.ofProportions(11, 100, 10, 100);

        assertThat(lift.low()).isNegative();
        assertThat(lift.significant()).isFalse();
        assertThat(Lift.ofProportions(5, 100, 0, 0).relative()).isNull();
    }

    @Test
    void shouldKeepTheDifferencesIntervalWithinPlusOrMinusOne() {
        for (long size = 2; size <= 50; size++) {
            Lift.Estimate all = Lift.ofProportions(size, size, 0, size);
            Lift.Estimate none = Lift.ofProportions(0, size, size, size);
            assertThat(all.high()).as("%d of %d against none", size, size).isLessThanOrEqualTo(1.0);
            assertThat(none.low()).as("none against %d of %d", size, size).isGreaterThanOrEqualTo(-1.0);
        }
    }

    @Test
    void shouldGiveNoIntervalUntilBothGroupsHaveData() {
        Lift.Estimate noControl = Lift.ofProportions(5, 100, 0, 0);
        Lift.Estimate noSpread = Lift.ofProportions(0, 10, 0, 1);

        assertThat(noControl.low()).isNull();
        assertThat(noControl.significant()).isFalse();
        assertThat(noSpread.low()).isNull();
        assertThat(noSpread.high()).isNull();
        assertThat(noSpread.difference()).isZero();
    }

    @Test
    void shouldComputeMeanLiftWithWelchVariance() {
        // treatment revenues {10, 20, 30}: mean 20, var 100; control {5, 15}: mean 10, var 50
        Lift.Estimate lift = Lift.ofMeans(60, 1400, 3, 20, 250, 2);

        assertThat(lift.treatment()).isEqualTo(20);
        assertThat(lift.control()).isEqualTo(10);
        assertThat(lift.difference()).isEqualTo(10);
        // Welch–Satterthwaite: (100/3 + 25)^2 / ((100/3)^2 / 2 + 25^2 / 1) = 2.882353 degrees of freedom
        double quantile = new org.apache.commons.math3.distribution.TDistribution(null, 2.882353)
                .inverseCumulativeProbability(0.975);
        double margin = quantile * Math.sqrt(100.0 / 3 + 25);
        assertThat(lift.low()).isCloseTo(10 - margin, within(1e-3));
        assertThat(lift.high()).isCloseTo(10 + margin, within(1e-3));
        assertThat(lift.relative()).isEqualTo(1.0);
    }

    @Test
    void shouldLendAGroupWithoutSpreadTheOthersRatherThanTrustIt() {
        // treatment revenues {0, 0, 250, 300, 400, 0, 350, 280, 0, 420}; two held-out customers who bought nothing
        double[] treated = {0, 0, 250, 300, 400, 0, 350, 280, 0, 420};
        double sum = java.util.Arrays.stream(treated).sum();
        double squares = java.util.Arrays.stream(treated).map(x -> x * x).sum();

        Lift.Estimate lift = Lift.ofMeans(sum, squares, 10, 0, 0, 2);

        assertThat(lift.difference()).isEqualTo(200);
        assertThat(lift.significant()).as("two customers who bought nothing say little of what control spends")
                .isFalse();
        assertThat(Lift.ofMeans(sum, squares, 10, 0, 0, 40).significant()).as("forty of them say more").isTrue();
    }

    @Test
    void shouldGiveSmallGroupsTheWideIntervalTheyDeserve() {
        // 3 of 4 against 2 of 8: the normal approximation reached past +1; the score interval stays inside
        Lift.Estimate lift = Lift.ofProportions(3, 4, 2, 8);

        assertThat(lift.difference()).isEqualTo(0.5);
        assertThat(lift.low()).isCloseTo(-0.063929, within(1e-5));
        assertThat(lift.high()).isCloseTo(0.771393, within(1e-5));
        // Katz: log(3) ± 1.959964 * sqrt(1/3 - 1/4 + 1/2 - 1/8), back on the ratio scale, minus one
        assertThat(lift.relativeLow()).isCloseTo(-0.204106, within(1e-5));
        assertThat(lift.relativeHigh()).isCloseTo(10.308042, within(1e-5));
        assertThat(lift.significant()).isFalse();

        // 28 of 41 against 0 of 2: the Wald interval was [+0.54, +0.83], "significant" on two control customers
        Lift.Estimate twoHeldOut = Lift.ofProportions(28, 41, 0, 2);
        assertThat(twoHeldOut.low()).isCloseTo(0.007796, within(1e-5));
        assertThat(twoHeldOut.high()).isCloseTo(0.804354, within(1e-5));

        Lift.Estimate nobodyConverted = Lift.ofProportions(0, 10, 0, 5);
        assertThat(nobodyConverted.low()).as("no spread, yet an honest interval").isCloseTo(-0.434482, within(1e-5));
        assertThat(nobodyConverted.high()).isCloseTo(0.277533, within(1e-5));
        assertThat(nobodyConverted.significant()).isFalse();
    }

    @Test
    void shouldGiveTheRelativeLiftTheIntervalOfARatio() {
        // 75 of 214 treated against 9 of 85 held out: relative lift 2.31, Katz's interval [0.738, 5.303]
        Lift.Estimate lift = Lift.ofProportions(75, 214, 9, 85);

        assertThat(lift.relative()).isCloseTo(0.350467 / 0.105882 - 1, within(1e-4));
        assertThat(lift.relativeLow()).isCloseTo(0.738128, within(1e-5));
        assertThat(lift.relativeHigh()).isCloseTo(5.303273, within(1e-5));
        Lift.Estimate noneTreated = Lift.ofProportions(0, 10, 3, 10);
        assertThat(noneTreated.relative()).isEqualTo(-1);
        assertThat(noneTreated.relativeLow()).as("half a customer added to each count").isCloseTo(-0.991678, within(1e-5));
        assertThat(noneTreated.relativeHigh()).isCloseTo(1.452189, within(1e-5));
    }

    @Test
    void shouldGiveNoRelativeIntervalWhereItWouldOverflow() {
        // Treatment revenues {100, -99.9} (a refund nearly cancelling a purchase): mean 0.05 with a huge spread
        Lift.Estimate lift = Lift.ofMeans(0.1, 100 * 100 + 99.9 * 99.9, 2, 20, 200, 2);

        assertThat(lift.low()).isNotNull().isFinite();
        assertThat(lift.relative()).isCloseTo(0.05 / 10 - 1, within(1e-9));
        assertThat(lift.relativeLow()).isNull();
        assertThat(lift.relativeHigh()).isNull();
    }

    /**
     * Simulated campaigns at known rates: the relative intervals must cover the true relative lift about 95 % of
     * the time. Bounds of the difference's interval divided by the control rate covered it 58 % of the time.
     */
    @Test
    void shouldCoverTheTrueRelativeLiftAsOftenAsItSays() {
        java.util.Random random = new java.util.Random(20261206L);
        double treatedRate = 0.35;
        double heldRate = 0.106;
        int runs = 4_000;
        int ratesCovered = 0;
        int revenueCovered = 0;
        for (int run = 0; run < runs; run++) {
            long[] treated = campaignGroup(random, 214, treatedRate);
            long[] held = campaignGroup(random, 85, heldRate);
            double truth = treatedRate / heldRate - 1;
            Lift.Estimate rates = Lift.ofProportions(treated[0], 214, held[0], 85);
            if (rates.relativeLow() != null && rates.relativeLow() <= truth && truth <= rates.relativeHigh()) {
                ratesCovered++;
            }
            Lift.Estimate revenue = Lift.ofMeans(treated[1], treated[2], 214, held[1], held[2], 85);
            if (revenue.relativeLow() != null && revenue.relativeLow() <= truth && truth <= revenue.relativeHigh()) {
                revenueCovered++;
            }
        }
        assertThat(ratesCovered / (double) runs).as("conversion rate").isBetween(0.93, 0.97);
        assertThat(revenueCovered / (double) runs).as("revenue per customer").isBetween(0.93, 0.97);
    }

    /** Converting customers, revenue and its squares of a group whose converters each spend between 20 and 60. */
    private static long[] campaignGroup(java.util.Random random, int customers, double rate) {
        long converting = 0;
        long revenue = 0;
        long squares = 0;
        for (int i = 0; i < customers; i++) {
            if (random.nextDouble() < rate) {
                long spent = 20 + random.nextInt(41);
                converting++;
                revenue += spent;
                squares += spent * spent;
            }
        }
        return new long[]{converting, revenue, squares};
    }

    @Test
    void shouldNarrowTheMeanIntervalTowardsTheNormalOneAsGroupsGrow() {
        // 10,000 customers each side; treatment revenues 0 or 20 half and half (variance 1e6 / 9,999), control
        // 0 or 20 at 45 % (variance 990,000 / 9,999)
        Lift.Estimate lift = Lift.ofMeans(100_000, 2_000_000, 10_000, 90_000, 1_800_000, 10_000);

        double normalMargin = 1.959964 * Math.sqrt((1e6 / 9_999 + 990_000.0 / 9_999) / 10_000);
        assertThat(lift.high() - lift.difference()).isCloseTo(normalMargin, within(1e-3));
        assertThat(lift.high() - lift.difference()).isGreaterThan(normalMargin);
    }

    @Test
    void shouldCountSummedUpdatesAsTheirPartsWouldBe() {
        long at = 1_700_000_000_000L;
        var first = io.nbo.decisioning.campaigns.CampaignUpdate.of("k1", "o1", false, at)
                .newCustomer(java.util.List.of("stage:contact")).presentation();
        var second = io.nbo.decisioning.campaigns.CampaignUpdate.of("k1", "o1", false, at + 10)
                .newCustomer(java.util.List.of("stage:contact")).presentation().conversion(20, 0, true);
        var third = io.nbo.decisioning.campaigns.CampaignUpdate.of("k1", "o1", false, at + 20).outcome(1, 1, 0);
        var empty = io.nbo.decisioning.campaigns.CampaignStats.empty("k1");

        var oneByOne = empty.with(first).with(second);
        var summed = empty.with(first.plus(second));

        assertThat(first.summingKey()).isEqualTo(second.summingKey());
        assertThat(third.summingKey()).as("no new customers' segments: another sum").isNotEqualTo(first.summingKey());
        var treated = io.nbo.decisioning.campaigns.CampaignUpdate.of("k1", "o1", false, at);
        assertThat(io.nbo.decisioning.campaigns.CampaignUpdate.of("k1", "o1", true, at).summingKey())
                .as("control is summed apart").isNotEqualTo(treated.summingKey());
        assertThat(treated.at(at + io.nbo.decisioning.campaigns.CampaignStats.WINDOW_MILLIS).summingKey())
                .as("so is another minute window").isNotEqualTo(treated.summingKey());
        assertThat(summed.treatment()).isEqualTo(oneByOne.treatment());
        assertThat(summed.treatment().customersBySegment()).containsEntry("stage:contact", 2L);
        assertThat(summed.offer("o1")).isEqualTo(oneByOne.offer("o1"));
        assertThat(summed.windows()).isEqualTo(oneByOne.windows());
    }
}
