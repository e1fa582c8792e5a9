package io.nbo.service.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.service.state.RecentAnswers;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * A decision asked again with the same {@code requestId} for the same customer (asked by their id, or by a
 * visitor id leading to them), gets the first answer, marked {@value #HEADER}, and is not counted again: a client may retry a decision it never
 * received the answer to. Remembered where it was answered (the customer's instance), see {@link RecentAnswers}.
 */
final class DecisionReplays {
    static final String HEADER = "X-Replayed";
    private final RecentAnswers answers;
    private final Counter replayed;

    DecisionReplays(RecentAnswers answers, MeterRegistry registry) {
        this.answers = answers;
        this.replayed = Counter.builder("nbo.decisions.replayed")
                .description("Decisions asked again under their requestId, answered as before and not counted")
                .register(registry);
    }

    /** Whether this decision is remembered under its id: previews record nothing, so they are decided afresh. */
    static boolean remembered(DecisionQuery query) {
        return query.requestId() != null && !query.preview();
    }

    private static String parameters(DecisionQuery query) {
        return "channel=" + query.channel() + ", placement=" + (query.placement() == null ? "(none)" : query.placement())
                + ", limit=" + query.limit() + ", explain=" + query.explain();
    }

    /**
     * Keys that may read profiles and keys that may not remember their ids apart: an answer that quotes the
     * customer's values is no answer for the other, and a 422 would tell the other that the id was used. A public
     * key's ids are remembered per id asked for too: a replay, or a 422, for a visitor's id of what was asked under a
     * customer's id would tell it that the visitor is that customer.
     */
    private static String rememberedId(DecisionQuery query) {
        return query.quotesFacts() ? "reads|" + query.requestId()
                : "public|" + query.customerId() + "|" + query.requestId();
    }

    /**
     * Answers {@code query}, decided for {@code customerId}, if its id was answered before: with that answer, or
     * 422 if the id came with other parameters then. False when it is new here, or when the customer's consents
     * changed since: an answer given before a withdrawal must not be given again after it.
     */
    boolean answered(RoutingContext ctx, DecisionQuery query, String customerId, CustomerProfile profile, long now) {
        RecentAnswers.Answer earlier = remembered(query)
                ? answers.get(customerId, rememberedId(query), now) : null;
        if (earlier == null || !earlier.basis().equals(basis(profile))) {
            return false;
        }
        if (!earlier.parameters().equals(parameters(query))) {
            Problems.send(ctx, 422, "request-id-reused", "Request id used for another request", "requestId "
                    + query.requestId() + " was given to a decision for " + query.customerId() + " with "
                    + earlier.parameters() + "; this one asks with " + parameters(query)
                    + ". Repeat a request unchanged to get its answer again, or give a new request a new id");
            return true;
        }
        replayed.increment();
        ctx.response().putHeader("Content-Type", "application/json").putHeader(HEADER, "true")
                .end(Buffer.buffer(earlier.body()));
        return true;
    }

    void remember(DecisionQuery query, String customerId, CustomerProfile profile, Buffer body, long now) {
        if (remembered(query)) {
            answers.remember(customerId, rememberedId(query), parameters(query), body.getBytes(), now, basis(profile));
        }
    }

    private static String basis(CustomerProfile profile) {
        return new java.util.TreeMap<>(profile.consents()).toString();
    }
}
