package io.nbo.load.micro;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.ContactTracker;
import io.nbo.decisioning.decision.DecisionFunnel;
import io.nbo.decisioning.decision.DecisionInputs;
import io.nbo.decisioning.decision.DecisionPolicy;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.FunnelResult;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.decisions.DecisionRecord;
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
    private DecisionInputs busy;
    private DecisionRequest request;
    private UniformRandomProvider random;

    @Setup
    public void setUp() {
        long now = System.currentTimeMillis();
        funnel = new DecisionFunnel(DecisionPolicy.defaults());
        List<Offer> catalogue = MicroFixtures.catalogue();
        typical = inputs("lt-1", MicroFixtures.typicalProfile(now), catalogue);
        unknown = inputs("lt-new", CustomerProfile.empty("lt-new"), catalogue);
        busy = busyInputs(MicroFixtures.typicalProfile(now), catalogue, now);
        request = new DecisionRequest("web", "home", 3, now);
        random = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
    }

    private static DecisionInputs inputs(String id, CustomerProfile profile, List<Offer> catalogue) {
        return new DecisionInputs(id, profile, ContactHistory.EMPTY, catalogue, campaign -> null, offer -> null,
                campaign -> null);
    }

    /**
     * A busy customer: a full contact history (the most presentations kept) of the catalogue's offers, every
     * campaign capping per offer and per campaign over a week, none of the caps reached yet.
     */
    private static DecisionInputs busyInputs(CustomerProfile profile, List<Offer> catalogue, long now) {
        ContactTracker tracker = new ContactTracker(86_400_000L);
        ContactHistory history = ContactHistory.EMPTY;
        for (int i = 0; i < ContactHistory.MAX_PRESENTATIONS; i++) {
            Offer offer = catalogue.get(i % catalogue.size());
            DecisionRecord decision = new DecisionRecord("d-" + i, "lt-1", now - i * 60_000L, "web", "home",
                    "thompson", List.of(new DecisionRecord.Candidate(offer.offerId(), offer.campaignId(), "books",
                    "web/involvement", 0.1, 0.1, 1, 10, 1, 1, 0.4, 1)), List.of(offer.offerId()), List.of(), false,
                    "involvement", "low");
            history = tracker.onDecision(history, decision).history();
        }
        Campaign.ContactPolicy caps = new Campaign.ContactPolicy(new Campaign.Cap(50, 168),
                new Campaign.Cap(100, 168), null, null, null);
        return new DecisionInputs("lt-1", profile, history, catalogue, campaignId -> new Campaign(campaignId,
                campaignId, 0.0, null, null, null, 1.0, null, null, null, caps), offer -> null, campaign -> null);
    }

    @Benchmark
    public FunnelResult decideForBusyCustomer() {
        return funnel.decide(busy, request, random);
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
