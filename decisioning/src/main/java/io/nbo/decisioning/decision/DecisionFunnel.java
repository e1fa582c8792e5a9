package io.nbo.decisioning.decision;

import io.nbo.decisioning.Decimals;
import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.ControlGroups;
import io.nbo.decisioning.contact.ContactPolicy;
import io.nbo.decisioning.learning.OfferModel;
import io.nbo.decisioning.learning.Posterior;
import io.nbo.decisioning.relationship.RelationshipAssessor;
import io.nbo.decisioning.relationship.RelationshipMeasures;
import io.nbo.decisioning.rules.Facts;
import io.nbo.decisioning.rules.RuleEvaluator;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.offers.Offer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The decision funnel: eligibility (channel, placement, validity, consent, campaign and offer rules,
 * inventory, campaign volume) → contact policy (caps, suppressions, cool-down, channel caps) → control groups
 * (held-out campaigns are recorded, not shown) → arbitration (propensity × context × value × lever) →
 * ranking, with a fallback offer when nothing survives. Plain Java: the caller supplies state and randomness.
 */
public final class DecisionFunnel {
    private final DecisionPolicy policy;
    private final RelationshipAssessor assessor;

    public DecisionFunnel(DecisionPolicy policy) {
        this.policy = policy;
        this.assessor = new RelationshipAssessor(policy.relationshipRules());
    }

    public DecisionPolicy policy() {
        return policy;
    }

    public FunnelResult decide(DecisionInputs in, DecisionRequest request, UniformRandomProvider rng) {
        long now = request.now();
        long halfLife = policy.forgettingHalfLife().toMillis();
        Interest interest = Interest.of(in.profile(), now, policy.profileRules().halfLifeMillis());
        RelationshipMeasures relationship = assessor.assess(in.profile(), RelationshipAssessor.lastRecovery(in.catalogue(), in.history()), now);
        Facts facts = new Facts(in.profile(), request, interest, relationship, in.history(),
                policy.ruleTimeZone());
        int allowance = ContactPolicy.channelAllowance(request.channel(), policy.channelCaps(), in.history(), now);
        String channelFull = allowance > 0 ? null : ContactPolicy.channelCapReached(request.channel(),
                policy.channelCaps(), in.history(), now).orElse("channel cap reached for " + request.channel());

        List<DroppedOffer> dropped = new ArrayList<>();
        List<Scored> survivors = new ArrayList<>();
        List<Offer> fallbacks = new ArrayList<>();
        Map<String, List<Scored>> heldOutByCampaign = new LinkedHashMap<>();
        // Where each held-out offer's entry sits in dropped: whether it was held out is known only once ranked.
        Map<Scored, Integer> controlEntries = new IdentityHashMap<>();
        for (Offer offer : in.catalogue()) {
            Campaign campaign = campaignOf(in, offer);
            Optional<String> ineligible = eligibility(offer, campaign, in, request, facts);
            if (ineligible.isPresent()) {
                dropped.add(new DroppedOffer(offer.offerId(), offer.campaignId(), DroppedOffer.Stage.ELIGIBILITY,
                        ineligible.get()));
                continue;
            }
            if (offer.recovery() && !relationship.needsRecovery()) {
                dropped.add(new DroppedOffer(offer.offerId(), offer.campaignId(), DroppedOffer.Stage.ELIGIBILITY,
                        "service recovery, and the customer has no open issue"));
                continue;
            }
            Optional<String> contact = ContactPolicy.refusal(offer, campaign, in.history(), now);
            if (contact.isEmpty() && allowance == 0) {
                contact = Optional.of(channelFull);
            }
            if (contact.isPresent()) {
                dropped.add(new DroppedOffer(offer.offerId(), offer.campaignId(), DroppedOffer.Stage.CONTACT_POLICY,
                        contact.get()));
                continue;
            }
            if (offer.fallbackOnly()) {
                // Shown only when nothing else is, so never scored against the rest, and never held out as a result.
                if (ControlGroups.inControl(in.customerId(), campaign, in.history())) {
                    dropped.add(new DroppedOffer(offer.offerId(), offer.campaignId(), DroppedOffer.Stage.CONTROL_GROUP,
                            "customer is in the control group of campaign " + campaign.campaignId()));
                } else {
                    fallbacks.add(offer);
                }
                continue;
            }
            Scored scored = score(offer, campaign, in, request, interest, relationship, halfLife, rng);
            if (ControlGroups.inControl(in.customerId(), campaign, in.history())) {
                heldOutByCampaign.computeIfAbsent(campaign.campaignId(), id -> new ArrayList<>()).add(scored);
                controlEntries.put(scored, dropped.size());
                dropped.add(null);
                continue;
            }
            survivors.add(scored);
        }

        // Service recovery for an open issue outranks every sales offer, whatever the scores say.
        Comparator<Scored> ranking = Comparator.comparing((Scored s) -> !s.offer().recovery())
                .thenComparing(Comparator.comparingDouble(Scored::priority).reversed())
                .thenComparing(s -> s.offer().offerId());
        survivors.sort(ranking);
        int slots = Math.min(request.limit(), allowance);
        int[] ranks = new int[survivors.size()];
        String[] noRoom = new String[survivors.size()];
        List<Scored> chosen = choose(survivors, slots, new CampaignRoom(in, now), ranks, noRoom);
        int shown = chosen.size();
        double[] firstChoice = choiceProbabilities(survivors, in, request, interest, halfLife, rng);
        List<RankedOffer> offers = new ArrayList<>();
        List<DecisionRecord.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < survivors.size(); i++) {
            Scored s = survivors.get(i);
            candidates.add(s.candidate(firstChoice[i], ranks[i]));
            if (ranks[i] > 0) {
                offers.add(s.ranked(firstChoice[i], false));
            } else if (noRoom[i] != null) {
                dropped.add(new DroppedOffer(s.offer().offerId(), s.offer().campaignId(),
                        DroppedOffer.Stage.CONTACT_POLICY, noRoom[i]));
            } else {
                int rank = i + 1;
                dropped.add(new DroppedOffer(s.offer().offerId(), s.offer().campaignId(),
                        DroppedOffer.Stage.ARBITRATION, () -> "ranked " + rank + " of " + survivors.size()
                        + " with score " + Decimals.fixed(s.priority(), 4) + " (" + s.learned() + "); " + shown
                        + " shown" + (allowance < request.limit() ? " (the " + request.channel()
                        + " channel cap leaves room for only " + allowance + " in this answer)" : "")));
            }
        }
        List<DecisionRecord.ControlHold> heldOut = new ArrayList<>();
        heldOutByCampaign.forEach((campaignId, held) -> {
            List<Scored> holds = wouldShow(survivors, held, ranking, slots, in, now);
            holds.forEach(s -> heldOut.add(new DecisionRecord.ControlHold(campaignId, s.offer().offerId(),
                    s.offer().category())));
            held.forEach(s -> dropped.set(controlEntries.get(s), new DroppedOffer(s.offer().offerId(), campaignId,
                    DroppedOffer.Stage.CONTROL_GROUP, "customer is in the control group of campaign " + campaignId
                    + (holds.contains(s) ? ": held out, a hold for its lift (recorded unless previewed), since this answer would have shown it"
                    : "; no hold, since this answer would not have shown it either"))));
        });

        boolean fallback = false;
        if (offers.isEmpty() && allowance > 0 && !fallbacks.isEmpty()) {
            Offer fallbackOffer = fallbacks.stream()
                    .max(Comparator.comparingDouble((Offer o) -> o.value() * o.priority())
                            .thenComparing(Offer::offerId, Comparator.reverseOrder()))
                    .orElseThrow();
            Scored scored = score(fallbackOffer, campaignOf(in, fallbackOffer), in, request, interest, relationship,
                    halfLife, rng);
            offers.add(scored.ranked(1, true));
            candidates.add(scored.candidate(1, 1));
            fallback = true;
        }
        for (Offer unused : fallbacks) {
            if (!fallback || !offers.get(0).offerId().equals(unused.offerId())) {
                dropped.add(new DroppedOffer(unused.offerId(), unused.campaignId(), DroppedOffer.Stage.ARBITRATION,
                        "fallback, shown only when no other offer survives"));
            }
        }
        return new FunnelResult(offers, dropped, heldOut, candidates, fallback, relationship);
    }

    /**
     * The offers shown, best first: up to {@code slots} of the ranked survivors, skipping any whose campaign
     * has no room left in this answer. At each survivor's index, {@code ranks} gets its place in the answer
     * (0 if not shown) and {@code noRoom} the reason it was skipped.
     */
    private static List<Scored> choose(List<Scored> ranked, int slots, CampaignRoom room, int[] ranks,
                                       String[] noRoom) {
        List<Scored> chosen = new ArrayList<>();
        for (int i = 0; i < ranked.size() && chosen.size() < slots; i++) {
            Optional<String> full = room.take(ranked.get(i).campaign());
            if (full.isPresent()) {
                noRoom[i] = full.get();
            } else {
                chosen.add(ranked.get(i));
                ranks[i] = chosen.size();
            }
        }
        return chosen;
    }

    /**
     * The held-out offers of one campaign that this answer would have shown without its control group, best first.
     * A hold counts only where the offer would have been shown, as treatment counts only what was shown, and every
     * offer that would have been: a treated customer shown two of the campaign's offers can convert on either, so
     * a held-out one must be able to as well. Both groups are then "would see these offers", and lift compares
     * like with like. Each campaign against the treated offers only: a customer held out of two campaigns would,
     * treated for one, still be held out of the other.
     */
    private static List<Scored> wouldShow(List<Scored> treated, List<Scored> held, Comparator<Scored> ranking,
                                          int slots, DecisionInputs in, long now) {
        List<Scored> contenders = new ArrayList<>(treated);
        contenders.addAll(held);
        contenders.sort(ranking);
        Set<Scored> heldOffers = Collections.newSetFromMap(new IdentityHashMap<>());
        heldOffers.addAll(held);
        return choose(contenders, slots, new CampaignRoom(in, now), new int[contenders.size()],
                new String[contenders.size()]).stream().filter(heldOffers::contains).toList();
    }

    private Optional<String> eligibility(Offer offer, Campaign campaign, DecisionInputs in, DecisionRequest request,
                                         Facts facts) {
        Optional<String> basic = Eligibility.refusal(offer, in.profile(), request);
        if (basic.isPresent()) {
            return basic;
        }
        if (!campaign.validAt(request.now())) {
            return Optional.of("campaign " + campaign.campaignId() + (campaign.validFrom() != null
                    && request.now() < campaign.validFrom()
                    ? " has not started yet: from " + java.time.Instant.ofEpochMilli(campaign.validFrom())
                    : " ended at " + java.time.Instant.ofEpochMilli(campaign.validTo())));
        }
        Optional<String> campaignRule = RuleEvaluator.failure(campaign.rules(), facts);
        if (campaignRule.isPresent()) {
            return Optional.of("campaign rule: " + campaignRule.get());
        }
        Optional<String> offerRule = RuleEvaluator.failure(offer.rules(), facts);
        if (offerRule.isPresent()) {
            return Optional.of("offer rule: " + offerRule.get());
        }
        long presented = campaign.volumeCap() == null ? 0 : in.presentations(campaign.campaignId());
        if (campaign.volumeCap() != null && presented >= campaign.volumeCap()) {
            return Optional.of("campaign volume cap reached: " + presented + " of " + campaign.volumeCap()
                    + " presentations");
        }
        CampaignStats stats = in.stats().apply(campaign.campaignId());
        if (offer.inventory() != null && stats != null && stats.offer(offer.offerId()).accepts() >= offer.inventory()) {
            return Optional.of("inventory exhausted: " + stats.offer(offer.offerId()).accepts() + " of "
                    + offer.inventory() + " taken");
        }
        if (offer.inventory() != null && offer.inventory() == 0) {
            return Optional.of("inventory exhausted: 0 available");
        }
        return Optional.empty();
    }

    private Scored score(Offer offer, Campaign campaign, DecisionInputs in, DecisionRequest request,
                         Interest interest, RelationshipMeasures relationship, long halfLife,
                         UniformRandomProvider rng) {
        String across = Arbitration.contextSegment(request.channel(), offer, interest);
        String segment = Arbitration.segment(across, relationship.valueTier());
        Posterior posterior = Posterior.of(offer, model(in, offer), segment, across, request.now(), halfLife);
        double used = policy.explores() ? posterior.sample(rng) : posterior.mean();
        double context = Arbitration.context(offer, interest);
        RankedOffer.Factors factors = Arbitration.factors(offer, campaign, used, context);
        // Words only for the offers an answer shows: with a large catalogue, writing them for every eligible
        // offer was a good part of a decision.
        return new Scored(offer, campaign, segment, across, request.quotesFacts(), posterior, used, context, factors,
                () -> reasons(offer, campaign, request, interest, relationship, posterior, used,
                        shown(segment, across, request.quotesFacts()), across));
    }

    /** The tier is the customer's value, which only a key allowed to read profiles is told. */
    private static String shown(String segment, String across, boolean quotesFacts) {
        return quotesFacts ? segment : Arbitration.tierUnnamed(across);
    }

    private List<String> reasons(Offer offer, Campaign campaign, DecisionRequest request, Interest interest,
                                 RelationshipMeasures relationship, Posterior posterior, double used, String segment,
                                 String across) {
        List<String> reasons = new ArrayList<>();
        if (offer.recovery()) {
            reasons.add("Service recovery comes first: the customer has an open issue ("
                    + relationship.openIssueCause() + ")");
        }
        Campaign.Factors on = campaign.factorSwitches();
        String switchedOff = " not used: campaign " + campaign.campaignId() + " switches it off";
        String context = on.contextOn() ? Arbitration.contextReason(offer, interest) : "Context" + switchedOff;
        // Screens show the first reason alone: it must say why this offer, so context that did not speak for it (no
        // interest in its category, or switched off) goes last.
        boolean contextSpeaks = on.contextOn() && (interest.none() || offer.category() == null
                || interest.shareOf(offer.category()) > 0);
        if (contextSpeaks) {
            reasons.add(context);
        }
        reasons.add(on.propensityOn()
                ? Arbitration.propensityReason(posterior, used, segment, across, policy.explores())
                : "Propensity" + switchedOff);
        reasons.add((on.valueOn() ? "Value " + Decimals.fixed(offer.value(), 2) : "Value" + switchedOff) + ", "
                + (on.leverOn() ? "business lever " + trim(offer.priority() * campaign.leverValue())
                : "business lever" + switchedOff));
        reasons.add("Eligible on " + request.channel() + (request.placement() == null ? ""
                : " / " + request.placement()) + (offer.validTo() == null ? ""
                : " until " + java.time.Instant.ofEpochMilli(offer.validTo())));
        if (!contextSpeaks) {
            reasons.add(context);
        }
        return reasons;
    }

    /** Monte Carlo estimate of P(ranked first) per survivor, given the model; at least 1/(draws+1) for the top. */
    private double[] choiceProbabilities(List<Scored> survivors, DecisionInputs in, DecisionRequest request,
                                         Interest interest, long halfLife, UniformRandomProvider rng) {
        double[] probabilities = new double[survivors.size()];
        if (survivors.isEmpty()) {
            return probabilities;
        }
        if (!policy.explores() || survivors.get(0).offer().recovery()) {
            // Greedy ranking, and service recovery first, are not random: the top offer is certain.
            probabilities[0] = 1;
            return probabilities;
        }
        int draws = policy.choiceDraws();
        int n = survivors.size();
        int[] wins = new int[n];
        wins[0]++;
        // Only the propensity is random: the other factors are set up once, not once per draw.
        double[] rest = new double[n];
        ContinuousSampler[] propensity = new ContinuousSampler[n];
        for (int i = 0; i < n; i++) {
            Scored s = survivors.get(i);
            rest[i] = Arbitration.factors(s.offer(), s.campaign(), 1, s.context()).product();
            Posterior.Sampler draw = s.posterior().sampler(rng);
            propensity[i] = s.campaign().factorSwitches().propensityOn() ? draw::next : () -> 1;
        }
        for (int d = 0; d < draws; d++) {
            int best = -1;
            double bestPriority = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double priority = propensity[i].sample() * rest[i];
                if (priority > bestPriority) {
                    bestPriority = priority;
                    best = i;
                }
            }
            wins[best]++;
        }
        for (int i = 0; i < wins.length; i++) {
            probabilities[i] = round((double) wins[i] / (draws + 1));
        }
        return probabilities;
    }

    private static Campaign campaignOf(DecisionInputs in, Offer offer) {
        Campaign campaign = in.campaigns().apply(offer.campaignId());
        return campaign != null ? campaign : Campaign.defaults(offer.campaignId());
    }

    private static OfferModel model(DecisionInputs in, Offer offer) {
        OfferModel model = in.models().apply(offer.offerId());
        return model != null ? model : Arbitration.noModel(offer.offerId());
    }

    private static String trim(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(round(number));
    }

    static double round(double number) {
        return Math.round(number * 1_000_000) / 1_000_000.0;
    }

    private record Scored(Offer offer, Campaign campaign, String segment, String across, boolean quotesFacts,
                          Posterior posterior,
                          double used, double context, RankedOffer.Factors factors,
                          java.util.function.Supplier<List<String>> reasons) {
        double priority() {
            return factors.product();
        }

        /** What an offer that lost had learned, so a lost draw can be told from a weak record. */
        String learned() {
            if (!campaign.factorSwitches().propensityOn()) {
                return "propensity not used";
            }
            return "propensity " + Decimals.fixed(used, 3) + ", posterior mean " + Decimals.fixed(posterior.mean(), 3)
                    + " from " + Decimals.counted(posterior.trials(), "presentation", "presentations") + " in "
                    + shown(segment, across, quotesFacts);
        }

        RankedOffer ranked(double choiceProbability, boolean fallback) {
            List<String> why = reasons.get();
            if (fallback) {
                why.add(0, "Fallback: no other offer survived for this channel and placement");
            }
            return new RankedOffer(offer.offerId(), offer.campaignId(), offer.name(),
                    offer.recovery() ? Offer.SERVICE_RECOVERY : Offer.SALES, round(priority()),
                    new RankedOffer.Factors(round(factors.propensity()), round(factors.context()),
                            factors.value(), round(factors.lever())),
                    new RankedOffer.PropensityEvidence(shown(segment, across, quotesFacts),
                            campaign.factorSwitches().propensityOn() ? round(used) : null, round(posterior.mean()),
                            round(posterior.trials()), round(posterior.successes())),
                    choiceProbability, fallback, why);
        }

        DecisionRecord.Candidate candidate(double choiceProbability, int rank) {
            return new DecisionRecord.Candidate(offer.offerId(), offer.campaignId(), offer.category(), segment,
                    round(factors.propensity()), round(posterior.mean()), round(factors.context()), factors.value(),
                    round(factors.lever()), round(priority()), choiceProbability, rank,
                    campaign.factorSwitches().propensityOn() ? null : Boolean.FALSE);
        }
    }
}
