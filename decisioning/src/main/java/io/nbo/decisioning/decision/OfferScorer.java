package io.nbo.decisioning.decision;

import io.nbo.decisioning.profile.Affinity;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.schemas.offers.Offer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The first, rule-of-thumb ranking: {@code score = affinity factor × offer value × priority}.
 * The affinity factor is the share of the customer's current interest that falls on the offer's category
 * (0.1 floor so other categories stay possible); with no interest yet every offer gets factor 1, which makes
 * cold-start ranking "most valuable first". Offers without a category get a neutral 0.5.
 */
public final class OfferScorer {
    static final double FLOOR = 0.1;
    static final double UNCATEGORISED = 0.5;

    private final ProfileRules rules;

    public OfferScorer(ProfileRules rules) {
        this.rules = rules;
    }

    public List<RankedOffer> rank(Collection<Offer> catalogue, CustomerProfile profile, DecisionRequest request) {
        Interest interest = Interest.of(profile, request.now(), rules.halfLifeMillis());
        List<RankedOffer> ranked = new ArrayList<>();
        for (Offer offer : catalogue) {
            if (Eligibility.refusal(offer, profile, request).isEmpty()) {
                ranked.add(score(offer, interest, request));
            }
        }
        ranked.sort(Comparator.comparingDouble(RankedOffer::score).reversed().thenComparing(RankedOffer::offerId));
        return ranked.size() > request.limit() ? List.copyOf(ranked.subList(0, request.limit())) : ranked;
    }

    private static RankedOffer score(Offer offer, Interest interest, DecisionRequest request) {
        List<String> reasons = new ArrayList<>();
        double factor;
        if (interest.total() <= 0) {
            factor = 1;
            reasons.add("No interests known yet, so ranked by offer value and priority");
        } else if (offer.category() == null) {
            factor = UNCATEGORISED;
            reasons.add("General offer, not tied to a category");
        } else {
            double share = interest.shareOf(offer.category());
            factor = FLOOR + (1 - FLOOR) * share;
            reasons.add(share > 0
                    ? String.format(Locale.ROOT, "Interest in %s is %.0f%% of recent browsing and buying",
                    offer.category(), share * 100)
                    : "No recent interest in " + offer.category());
        }
        reasons.add(String.format(Locale.ROOT, "Offer value %.2f with priority %s", offer.value(),
                trim(offer.priority())));
        reasons.add("Eligible on " + request.channel() + (request.placement() == null ? "" : " / "
                + request.placement()) + (offer.validTo() == null ? "" : " until "
                + Instant.ofEpochMilli(offer.validTo())));
        double score = factor * offer.value() * offer.priority();
        return new RankedOffer(offer.offerId(), offer.campaignId(), offer.name(), round(score), reasons);
    }

    private static String trim(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    /** Current (decayed) interest per category, computed once per decision. */
    private record Interest(java.util.Map<String, Double> weights, double total) {
        static Interest of(CustomerProfile profile, long now, long halfLife) {
            java.util.Map<String, Double> weights = new java.util.HashMap<>();
            double total = 0;
            for (var entry : profile.affinities().entrySet()) {
                Affinity affinity = entry.getValue();
                double weight = affinity.weightAt(now, halfLife);
                weights.put(entry.getKey(), weight);
                total += weight;
            }
            return new Interest(weights, total);
        }

        double shareOf(String category) {
            return total <= 0 ? 0 : weights.getOrDefault(category, 0.0) / total;
        }
    }
}
