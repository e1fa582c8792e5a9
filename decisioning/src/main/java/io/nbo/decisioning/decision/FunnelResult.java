package io.nbo.decisioning.decision;

import io.nbo.decisioning.relationship.RelationshipMeasures;
import io.nbo.schemas.decisions.DecisionRecord;
import java.util.List;

/**
 * The outcome of one pass through the funnel: what to show, what was dropped and why, the campaigns for which
 * the customer is held out, and every arbitrated candidate as the decision log records it.
 */
public record FunnelResult(List<RankedOffer> offers, List<DroppedOffer> dropped,
                           List<DecisionRecord.ControlHold> heldOut, List<DecisionRecord.Candidate> candidates,
                           boolean fallback, RelationshipMeasures relationship) {

    public DecisionRecord toRecord(String decisionId, String customerId, DecisionRequest request, String policy) {
        return new DecisionRecord(decisionId, customerId, request.now(), request.channel(), request.placement(),
                policy, candidates, offers.stream().map(RankedOffer::offerId).toList(), heldOut, fallback,
                relationship.stage(), relationship.valueTier());
    }
}
