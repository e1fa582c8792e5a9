package io.nbo.load.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffPolicyEstimateTest {
    // Two offers: "cheap" (value 10, learned mean 0.5) and "rich" (value 50, mean 0.02).
    private static LoggedDecision.Candidate cheap(double p) {
        return new LoggedDecision.Candidate("cheap", 0.5, 1, 10, 1, p);
    }

    private static LoggedDecision.Candidate rich(double p) {
        return new LoggedDecision.Candidate("rich", 0.02, 1, 50, 1, p);
    }

    private final List<LoggedDecision> log = List.of(
            new LoggedDecision("d1", "c1", "thompson", List.of(cheap(0.8), rich(0.2)), List.of("cheap")),
            new LoggedDecision("d2", "c2", "thompson", List.of(cheap(0.8), rich(0.2)), List.of("cheap")),
            new LoggedDecision("d3", "c3", "thompson", List.of(cheap(0.8), rich(0.2)), List.of("rich")),
            new LoggedDecision("d4", "c4", "thompson", List.of(cheap(0.8), rich(0.2)), List.of("cheap")));
    private final Map<String, OffPolicyEstimate.Reward> rewards = Map.of(
            "d1|cheap", new OffPolicyEstimate.Reward(1, 10),
            "d3|rich", new OffPolicyEstimate.Reward(1, 50));

    @Test
    void shouldScoreGreedyAsArbitrationDoesWhereACampaignSwitchesThePropensityOff() throws Exception {
        LoggedDecision read = io.nbo.schemas.json.Json.mapper().readValue("""
                {"decisionId":"d5","customerId":"p-1","policy":"thompson","shown":["rich"],"candidates":[
                 {"offerId":"cheap","propensity":0.4,"propensityMean":0.5,"context":1,"value":10,"lever":1,
                  "choiceProbability":0.8},
                 {"offerId":"rich","propensity":1,"propensityMean":0.02,"context":1,"value":50,"lever":1,
                  "choiceProbability":0.2,"propensityOn":false}]}""", LoggedDecision.class);
        LoggedDecision.Candidate rich = read.candidates().get(1);

        assertThat(rich.propensityOn()).isFalse();
        assertThat(read.candidates().get(0).propensityOn()).as("absent: on").isNull();
        assertThat(TargetPolicy.GREEDY.probability(rich, read.candidates()))
                .as("50 x 1 beats 10 x 0.5: the campaign does not weigh rich by its mean").isEqualTo(1);
    }

    @Test
    void shouldReportWhatTheLoggingPolicyEarned() {
        OffPolicyEstimate.Estimate logged = OffPolicyEstimate.logged(log, rewards);

        assertThat(logged.ipsAcceptRate()).isEqualTo(0.5);
        assertThat(logged.ipsRevenue()).isEqualTo(15.0);
    }

    @Test
    void shouldWeighRewardsByTargetOverLoggingProbability() {
        // greedy picks cheap: weights 1/0.8 on d1, d2, d4; 0 on d3. Accepts: d1 only.
        OffPolicyEstimate.Estimate greedy = OffPolicyEstimate.of(TargetPolicy.GREEDY, log, rewards);
        // static picks rich: weight 1/0.2 = 5 on d3 only, reward 50.
        OffPolicyEstimate.Estimate fixed = OffPolicyEstimate.of(TargetPolicy.STATIC, log, rewards);

        assertThat(greedy.ipsAcceptRate()).isCloseTo(1.25 / 4, within(1e-12));
        assertThat(greedy.snipsAcceptRate()).isCloseTo(1.25 / 3.75, within(1e-12));
        assertThat(greedy.ipsRevenue()).isCloseTo(12.5 / 4, within(1e-12));
        assertThat(greedy.effectiveSampleSize()).isCloseTo(3, within(1e-9));
        assertThat(fixed.ipsRevenue()).isCloseTo(250.0 / 4, within(1e-12));
        assertThat(fixed.snipsRevenue()).isCloseTo(50, within(1e-12));
        assertThat(fixed.effectiveSampleSize()).isCloseTo(1, within(1e-9));
    }

    @Test
    void shouldGiveAStochasticTargetItsOwnProbability() {
        // random: q = 1/2 everywhere; weights 0.625, 0.625, 2.5, 0.625
        OffPolicyEstimate.Estimate random = OffPolicyEstimate.of(TargetPolicy.RANDOM, log, rewards);

        assertThat(random.ipsRevenue()).isCloseTo((0.625 * 10 + 2.5 * 50) / 4, within(1e-12));
    }
}
