package io.nbo.service.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.profile.Affinity;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.Rfm;
import io.nbo.decisioning.relationship.RelationshipAssessor;
import io.nbo.decisioning.relationship.RelationshipMeasures;
import io.nbo.schemas.events.Outcome;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.topics.Topics;
import io.nbo.service.state.StateReader;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.query.Position;

/**
 * {@code GET /v1/customers/:customerId}: the profile as the store holds it, plus under {@code derived} what
 * depends on the moment of asking: RFM, interests decayed to now, and the relationship measures with their
 * explanations. An anonymous id that logged in answers with the customer's profile ({@code resolvedFrom}).
 * {@code GET /v1/customers/:customerId/stream} pushes the same view whenever it changes (server-sent events).
 */
public final class CustomerHandler {
    private final StateReader state;
    private final ProfileRules rules;
    private final RelationshipAssessor assessor;
    private final Forwarding forwarding;
    private final io.nbo.service.kafka.EventPublisher publisher;
    private final io.nbo.service.state.PendingContacts pending;
    private final Clock clock;
    private final io.nbo.service.state.ChangeWatchers changes;

    public CustomerHandler(StateReader state, ProfileRules rules, RelationshipAssessor assessor, Forwarding forwarding,
                           io.nbo.service.kafka.EventPublisher publisher, io.nbo.service.state.PendingContacts pending,
                           Clock clock, io.nbo.service.state.ChangeWatchers changes) {
        this.state = state;
        this.changes = changes;
        this.forwarding = forwarding;
        this.publisher = publisher;
        this.pending = pending;
        this.rules = rules;
        this.assessor = assessor;
        this.clock = clock;
    }

    public void profile(RoutingContext ctx) {
        String requested = validId(ctx);
        String resolved = requested == null ? null : subjectHere(ctx, requested);
        if (resolved == null) {
            return;
        }
        JsonObject view = view(requested, resolved);
        if (view == null) {
            Problems.send(ctx, 404, "customer-not-found", "Customer not found",
                    "no profile is held for " + requested + " (no event seen for it, or erased)");
            return;
        }
        ctx.json(view);
    }

    /**
     * {@code DELETE /v1/customers/:customerId}: forget the customer (and the anonymous ids merged into them); an
     * anonymous id merged into a customer names that customer here, as it does for reads.
     * Answers 204 once this instance's stores no longer hold them, 202 if that takes longer than 5 s (or than the
     * request deadline allows).
     */
    public void erase(RoutingContext ctx) {
        String requested = validId(ctx);
        // An id merged into a customer reads as that customer, so erasing it erases the customer: the merged
        // history cannot be told apart, and leaving it would keep the id in the customer's stitched ids.
        String subject = requested == null ? null : subjectHere(ctx, requested);
        if (subject == null) {
            return;
        }
        // The visitors stitched to the customer are forgotten on their own partitions, a step later.
        java.util.List<String> stitched = state.profile(subject).map(p -> p.stitchedIds()).orElse(java.util.List.of());
        // Only this instance's stores are awaited; a stitched id on another instance's partition is not seen here.
        var sent = publisher.requestErasure(subject, clock.millis());
        AwaitWrite.then(ctx, sent, "the erasure", 5000,
                () -> pending.forget(subject),
                // Applied by the topology's position (new activity may create a profile again at once), and for
                // each stitched id: forgotten, or (a shared device) leading to another customer now.
                () -> state.progress(subject, Position.emptyPosition().withComponent(Topics.ERASURES.name(),
                        sent.join().partition(), sent.join().offset())).reached()
                        && stitched.stream().allMatch(id -> forgottenHere(id, subject)),
                () -> ctx.response().setStatusCode(204).end(),
                () -> {
                    ctx.response().setStatusCode(202);
                    ctx.json(new JsonObject().put("customerId", subject).put("status", "erasure requested; still in progress"));
                });
    }

    public void stream(RoutingContext ctx) {
        String requested = validId(ctx);
        if (requested != null) {
            // An erased or unknown id answers found:false: this stream never ends with removed.
            FollowedSubject followed = new FollowedSubject(changes);
            ServerSentEvents.stream(ctx, "profile", null, () -> {
                String customerId = state.resolve(requested);
                followed.follow(customerId);
                JsonObject view = view(requested, customerId);
                return view == null ? new JsonObject().put("subjectId", requested).put("found", false)
                        : view.put("found", true);
            }, followed, "derived.interestsNow", "derived.relationship.churnRisk", "derived.relationship.explanations");
        }
    }

    /**
     * Whether a visitor id stitched to an erased customer is forgotten (or, a shared device, leads to another
     * customer now), as far as this instance can tell: one whose partition another instance holds is not seen here.
     */
    private boolean forgottenHere(String id, String erased) {
        try {
            String now = state.resolve(id);
            return !now.equals(erased) && (!now.equals(id) || state.profile(id).isEmpty());
        } catch (io.nbo.service.state.StateUnavailableException e) {
            return true;
        }
    }

    /**
     * The customer {@code requested} names (itself, or the customer a visitor id leads to) when this instance
     * answers for them; null when the request was answered elsewhere.
     */
    private String subjectHere(RoutingContext ctx, String requested) {
        String named = forwarding.subjectNamedByPeer(ctx, requested);
        if (named == null && forwarding.handledElsewhere(ctx, requested)) {
            return null;
        }
        String subject = named != null ? named : state.resolve(requested);
        return !subject.equals(requested) && forwarding.handledElsewhere(ctx, subject) ? null : subject;
    }

    /** The customer view, or null when nothing is known. */
    private JsonObject view(String requested, String customerId) {
        CustomerProfile profile = state.profile(customerId).orElse(null);
        if (profile == null) {
            return null;
        }
        long now = clock.millis();
        ContactHistory history = state.contactHistory(customerId);
        ObjectNode body = Json.mapper().valueToTree(profile);
        if (!customerId.equals(requested)) {
            body.put("resolvedFrom", requested);
        }
        ObjectNode derived = body.putObject("derived");
        Rfm rfm = Rfm.of(profile, now);
        derived.set("rfm", ((ObjectNode) Json.mapper().valueToTree(rfm)).put("monetary", Money.rounded(rfm.monetary())));
        // Sums of amounts in binary floating point: 0.3, not 0.30000000000000004.
        ObjectNode spend = (ObjectNode) body.path("spend");
        spend.put("total", Money.rounded(profile.spend().total()));
        spend.put("refunded", Money.rounded(profile.spend().refunded()));
        derived.put("averageOrderValue", Money.rounded(profile.spend().averageOrderValue()));
        derived.put("netSpend", Money.rounded(profile.spend().net()));
        ObjectNode interests = derived.putObject("interestsNow");
        for (Map.Entry<String, Affinity> entry : profile.affinities().entrySet()) {
            double weight = entry.getValue().weightAt(now, rules.halfLifeMillis());
            interests.put(entry.getKey(), Math.round(weight * 1000) / 1000.0);
        }
        RelationshipMeasures relationship = assessor.assess(profile,
                RelationshipAssessor.lastRecovery(state.offersForDecisions(), history), now);
        derived.set("relationship", Json.mapper().valueToTree(relationship));
        ArrayNode recentOffers = derived.putArray("recentOffers");
        var shown = history.presentations().stream().filter(p -> !p.control()).toList();
        // "accepted" is the customer's answer; an attributed purchase is a conversion, not an accept.
        // Named as the catalogue names them now, so a screen need not read the catalogue (an agent's key may not).
        Map<String, String> names = new java.util.HashMap<>();
        state.offersForDecisions().forEach(o -> names.put(o.offerId(), o.name()));
        shown.stream().skip(Math.max(0, shown.size() - 10)).forEach(p -> {
            ObjectNode offer = recentOffers.addObject().put("decisionId", p.decisionId()).put("offerId", p.offerId())
                    .put("name", names.get(p.offerId()))
                    .put("channel", p.channel()).put("at", p.at())
                    .put("accepted", p.outcomes().contains(Outcome.ACCEPT.wireName()))
                    .put("converted", p.converted() || p.outcomes().contains(Outcome.CONVERT.wireName()));
            new java.util.TreeSet<>(p.outcomes()).forEach(offer.putArray("responses")::add);
        });
        return new JsonObject(body.toString());
    }

    private static String validId(RoutingContext ctx) {
        return RequestParams.pathId(ctx, "customerId", "customer id");
    }
}
