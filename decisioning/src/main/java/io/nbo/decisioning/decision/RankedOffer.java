package io.nbo.decisioning.decision;

import java.util.List;

/** One offer in a decision, with the score it was ranked by and the reasons in plain words. */
public record RankedOffer(String offerId, String campaignId, String name, double score, List<String> reasons) {
    public RankedOffer {
        reasons = List.copyOf(reasons);
    }
}
