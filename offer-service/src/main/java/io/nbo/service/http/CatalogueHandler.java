package io.nbo.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.OfferCodec;
import io.nbo.schemas.validation.Decoded;
import io.nbo.service.kafka.EventPublisher;
import io.nbo.service.state.StateReader;
import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * {@code /v1/offers}: the catalogue, kept on the compacted {@code offers} topic. A write answers once this
 * instance's catalogue shows it (so the next decision uses it), or with 202 if that takes longer than
 * {@link #VISIBLE_WITHIN_MS}.
 */
public final class CatalogueHandler {
    static final long VISIBLE_WITHIN_MS = 3000;
    private static final long POLL_MS = 20;

    private final StateReader state;
    private final EventPublisher publisher;
    private final OfferCodec codec = new OfferCodec();

    public CatalogueHandler(StateReader state, EventPublisher publisher) {
        this.state = state;
        this.publisher = publisher;
    }

    public void list(RoutingContext ctx) {
        JsonArray offers = new JsonArray();
        state.offers().stream().sorted(Comparator.comparing(Offer::offerId))
                .forEach(offer -> offers.add(toJson(offer)));
        ctx.json(new JsonObject().put("offers", offers).put("count", offers.size()));
    }

    public void get(RoutingContext ctx) {
        String offerId = validOfferId(ctx);
        if (offerId == null) {
            return;
        }
        state.offer(offerId).ifPresentOrElse(offer -> ctx.json(toJson(offer)), () -> notFound(ctx, offerId));
    }

    public void put(RoutingContext ctx) {
        String offerId = validOfferId(ctx);
        if (offerId == null) {
            return;
        }
        JsonNode body = JsonBodies.read(ctx).orElse(null);
        if (body == null) {
            return;
        }
        if (body.isObject() && !body.has("offerId")) {
            ((ObjectNode) body).put("offerId", offerId);
        }
        Decoded<Offer> decoded = codec.decode(body);
        if (!decoded.ok()) {
            Problems.send(ctx, 400, "invalid-offer", "Invalid offer", decoded.reason(),
                    new JsonObject().put("reasons", new JsonArray(decoded.violations())));
            return;
        }
        Offer offer = decoded.value();
        if (!offer.offerId().equals(offerId)) {
            Problems.badRequest(ctx, "offer-id-mismatch", "Offer id mismatch",
                    "the body's offerId '" + offer.offerId() + "' differs from the path's '" + offerId + "'");
            return;
        }
        boolean existed = state.offer(offerId).isPresent();
        write(ctx, publisher.publishOffer(offer), current -> offer.equals(current), () -> {
            ctx.response().setStatusCode(existed ? 200 : 201);
            ctx.json(toJson(offer));
        });
    }

    public void delete(RoutingContext ctx) {
        String offerId = validOfferId(ctx);
        if (offerId == null) {
            return;
        }
        if (state.offer(offerId).isEmpty()) {
            notFound(ctx, offerId);
            return;
        }
        write(ctx, publisher.retireOffer(offerId), Objects::isNull, () -> ctx.response().setStatusCode(204).end());
    }

    private void write(RoutingContext ctx, CompletableFuture<?> send, Predicate<Offer> visible, Runnable done) {
        String offerId = ctx.pathParam("offerId");
        Context vertxContext = ctx.vertx().getOrCreateContext();
        send.whenComplete((ignored, error) -> vertxContext.runOnContext(v -> {
            if (error != null) {
                Problems.unavailable(ctx, "the catalogue change could not be written to Kafka: " + error.getMessage());
                return;
            }
            awaitVisible(ctx, offerId, visible, System.currentTimeMillis() + VISIBLE_WITHIN_MS, done);
        }));
    }

    private void awaitVisible(RoutingContext ctx, String offerId, Predicate<Offer> visible, long deadline,
                              Runnable done) {
        if (visible.test(state.offer(offerId).orElse(null))) {
            done.run();
        } else if (System.currentTimeMillis() > deadline) {
            ctx.response().setStatusCode(202);
            ctx.json(new JsonObject().put("offerId", offerId)
                    .put("status", "written; not yet visible in this instance's catalogue"));
        } else {
            ctx.vertx().setTimer(POLL_MS, t -> awaitVisible(ctx, offerId, visible, deadline, done));
        }
    }

    private static String validOfferId(RoutingContext ctx) {
        String offerId = ctx.pathParam("offerId");
        if (!RequestParams.isId(offerId)) {
            Problems.badRequest(ctx, "invalid-parameter", "Invalid offer id",
                    "offerId must be 1-128 characters of letters, digits and ._:@/+=-");
            return null;
        }
        return offerId;
    }

    private static void notFound(RoutingContext ctx, String offerId) {
        Problems.send(ctx, 404, "offer-not-found", "Offer not found", "there is no offer " + offerId);
    }

    private static JsonObject toJson(Offer offer) {
        return new JsonObject(Json.mapper().convertValue(offer, java.util.Map.class));
    }
}
