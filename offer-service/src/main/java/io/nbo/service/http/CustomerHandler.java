package io.nbo.service.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.decisioning.profile.Affinity;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.Rfm;
import io.nbo.schemas.json.Json;
import io.nbo.service.state.StateReader;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /v1/customers/:customerId}: the profile as the store holds it, plus measures that depend on
 * the time of asking (RFM, interests decayed to now) under {@code derived}.
 */
public final class CustomerHandler {
    private final StateReader state;
    private final ProfileRules rules;
    private final Clock clock;

    public CustomerHandler(StateReader state, ProfileRules rules, Clock clock) {
        this.state = state;
        this.rules = rules;
        this.clock = clock;
    }

    public void profile(RoutingContext ctx) {
        String customerId = ctx.pathParam("customerId");
        if (!RequestParams.isId(customerId)) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid customer id",
                    "customerId must be 1-128 characters of letters, digits and ._:@/+=-");
            return;
        }
        CustomerProfile profile = state.profile(customerId).orElse(null);
        if (profile == null) {
            Problems.send(ctx, 404, "customer-not-found", "Customer not found",
                    "no events have been seen for " + customerId);
            return;
        }
        long now = clock.millis();
        ObjectNode body = Json.mapper().valueToTree(profile);
        ObjectNode derived = body.putObject("derived");
        derived.set("rfm", Json.mapper().valueToTree(Rfm.of(profile, now)));
        derived.put("averageOrderValue", profile.spend().averageOrderValue());
        derived.put("netSpend", profile.spend().net());
        ObjectNode interests = derived.putObject("interestsNow");
        for (Map.Entry<String, Affinity> entry : profile.affinities().entrySet()) {
            double weight = entry.getValue().weightAt(now, rules.halfLifeMillis());
            interests.put(entry.getKey(), Math.round(weight * 1000) / 1000.0);
        }
        ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
    }
}
