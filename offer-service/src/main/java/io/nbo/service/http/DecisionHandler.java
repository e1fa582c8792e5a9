package io.nbo.service.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.OfferScorer;
import io.nbo.decisioning.decision.RankedOffer;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.service.state.StateReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code GET /v1/customers/:customerId/offers}: the next best offers for a customer on a channel. */
public final class DecisionHandler {
    static final Set<String> CHANNELS = Set.of("web", "app", "call-centre", "email", "sms", "store");
    private static final int DEFAULT_LIMIT = 3;

    private final StateReader state;
    private final OfferScorer scorer;
    private final Clock clock;
    private final Counter decisions;
    private final Counter coldStarts;

    public DecisionHandler(StateReader state, OfferScorer scorer, Clock clock, MeterRegistry registry) {
        this.state = state;
        this.scorer = scorer;
        this.clock = clock;
        this.decisions = Counter.builder("nbo.decisions").description("Offer decisions made").register(registry);
        this.coldStarts = Counter.builder("nbo.decisions.cold.start")
                .description("Decisions for someone with no history").register(registry);
    }

    public void decide(RoutingContext ctx) {
        String customerId = ctx.pathParam("customerId");
        if (!RequestParams.isId(customerId)) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid customer id",
                    "customerId must be 1-128 characters of letters, digits and ._:@/+=-");
            return;
        }
        String channel = ctx.queryParams().get("channel") == null ? "web" : ctx.queryParams().get("channel");
        if (!CHANNELS.contains(channel)) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid channel",
                    "channel must be one of " + String.join(", ", CHANNELS.stream().sorted().toList()));
            return;
        }
        String placement = ctx.queryParams().get("placement");
        if (placement != null && !RequestParams.isId(placement)) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid placement",
                    "placement must be 1-128 characters of letters, digits and ._:@/+=-");
            return;
        }
        Integer limit = parseLimit(ctx.queryParams().get("limit"));
        if (limit == null) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid limit",
                    "limit must be a whole number from 1 to " + DecisionRequest.MAX_LIMIT);
            return;
        }
        long now = clock.millis();
        CustomerProfile profile = state.profile(customerId).orElse(CustomerProfile.empty(customerId));
        List<RankedOffer> ranked = scorer.rank(state.offers(), profile, new DecisionRequest(channel, placement,
                limit, now));
        decisions.increment();
        if (profile.isNew()) {
            coldStarts.increment();
        }
        JsonArray offers = new JsonArray();
        ranked.forEach(offer -> offers.add(new JsonObject()
                .put("offerId", offer.offerId())
                .put("campaignId", offer.campaignId())
                .put("name", offer.name())
                .put("score", offer.score())
                .put("reasons", new JsonArray(offer.reasons()))));
        JsonObject decision = new JsonObject()
                .put("decisionId", UUID.randomUUID().toString())
                .put("customerId", customerId)
                .put("channel", channel)
                .put("placement", placement)
                .put("decidedAt", now)
                .put("knownCustomer", !profile.isNew())
                .put("offers", offers);
        ctx.json(decision);
    }

    private static Integer parseLimit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            return limit >= 1 && limit <= DecisionRequest.MAX_LIMIT ? limit : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
