package io.nbo.service.http;

import io.nbo.decisioning.decision.DroppedOffer;
import io.nbo.decisioning.decision.FunnelResult;
import io.nbo.decisioning.decision.RankedOffer;
import io.nbo.schemas.decisions.DecisionRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The wire form of a decision: ranked offers with factors and reasons, and with explain, every drop. */
final class DecisionJson {
    private DecisionJson() {
    }

    static JsonObject render(DecisionRecord record, FunnelResult result, boolean known, boolean explain) {
        JsonArray offers = new JsonArray();
        int rank = 1;
        for (RankedOffer offer : result.offers()) {
            offers.add(new JsonObject()
                    .put("rank", rank++)
                    .put("offerId", offer.offerId())
                    .put("campaignId", offer.campaignId())
                    .put("name", offer.name())
                    .put("score", offer.priority())
                    .put("factors", new JsonObject()
                            .put("propensity", offer.factors().propensity())
                            .put("context", offer.factors().context())
                            .put("value", offer.factors().value())
                            .put("lever", offer.factors().lever()))
                    .put("propensity", new JsonObject()
                            .put("segment", offer.propensity().segment())
                            .put("used", offer.propensity().used())
                            .put("mean", offer.propensity().mean())
                            .put("presentations", offer.propensity().presentations())
                            .put("successes", offer.propensity().successes()))
                    .put("choiceProbability", offer.choiceProbability())
                    .put("fallback", offer.fallback())
                    .put("reasons", new JsonArray(offer.reasons())));
        }
        JsonArray heldOut = new JsonArray();
        result.heldOut().forEach(hold -> heldOut.add(new JsonObject().put("campaignId", hold.campaignId())
                .put("offerId", hold.offerId())));
        JsonObject decision = new JsonObject()
                .put("decisionId", record.decisionId())
                .put("customerId", record.customerId())
                .put("channel", record.channel())
                .put("placement", record.placement())
                .put("decidedAt", record.decidedAt())
                .put("policy", record.policy())
                .put("knownCustomer", known)
                .put("fallback", result.fallback())
                .put("offers", offers)
                .put("controlGroups", heldOut);
        if (explain) {
            JsonArray dropped = new JsonArray();
            for (DroppedOffer drop : result.dropped()) {
                dropped.add(new JsonObject().put("offerId", drop.offerId()).put("campaignId", drop.campaignId())
                        .put("stage", drop.stage().wireName()).put("reason", drop.reason()));
            }
            decision.put("dropped", dropped);
        }
        return decision;
    }
}
