package io.nbo.load.micro;

import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.OfferScorer;
import io.nbo.decisioning.decision.RankedOffer;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The decision funnel on its own: eligibility and scoring of a 12-offer catalogue for one request. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionFunnelBenchmark {
    private OfferScorer scorer;
    private List<Offer> catalogue;
    private CustomerProfile typical;
    private CustomerProfile unknown;
    private DecisionRequest request;

    @Setup
    public void setUp() {
        long now = System.currentTimeMillis();
        scorer = new OfferScorer(ProfileRules.defaults());
        catalogue = MicroFixtures.catalogue();
        typical = MicroFixtures.typicalProfile(now);
        unknown = CustomerProfile.empty("lt-new");
        request = new DecisionRequest("web", "home", 3, now);
    }

    @Benchmark
    public List<RankedOffer> rankForTypicalProfile() {
        return scorer.rank(catalogue, typical, request);
    }

    @Benchmark
    public List<RankedOffer> rankForColdStart() {
        return scorer.rank(catalogue, unknown, request);
    }
}
