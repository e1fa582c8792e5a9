package io.nbo.load.micro;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.decision.DecisionFunnel;
import io.nbo.decisioning.decision.DecisionInputs;
import io.nbo.decisioning.decision.DecisionPolicy;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.FunnelResult;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
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

/**
 * The decision funnel on its own (eligibility, contact policy, control groups, Thompson-sampled arbitration
 * and the Monte Carlo choice probabilities) over a 12-offer catalogue for one request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionFunnelBenchmark {
    private DecisionFunnel funnel;
    private DecisionInputs typical;
    private DecisionInputs unknown;
    private DecisionRequest request;
    private UniformRandomProvider random;

    @Setup
    public void setUp() {
        long now = System.currentTimeMillis();
        funnel = new DecisionFunnel(DecisionPolicy.defaults());
        List<Offer> catalogue = MicroFixtures.catalogue();
        typical = inputs("lt-1", MicroFixtures.typicalProfile(now), catalogue);
        unknown = inputs("lt-new", CustomerProfile.empty("lt-new"), catalogue);
        request = new DecisionRequest("web", "home", 3, now);
        random = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
    }

    private static DecisionInputs inputs(String id, CustomerProfile profile, List<Offer> catalogue) {
        return new DecisionInputs(id, profile, ContactHistory.EMPTY, catalogue, campaign -> null, offer -> null,
                campaign -> null);
    }

    @Benchmark
    public FunnelResult decideForTypicalProfile() {
        return funnel.decide(typical, request, random);
    }

    @Benchmark
    public FunnelResult decideForColdStart() {
        return funnel.decide(unknown, request, random);
    }
}
