package io.nbo.service.http;

import io.nbo.service.state.StateUnavailableException;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A write sent to Kafka and then awaited in this instance's state, without blocking the event loop: a failed
 * send answers 503; otherwise the state is polled until it shows the write (the caller answers) or the
 * deadline passes (the caller answers that it is still in progress).
 */
final class AwaitWrite {
    static final long POLL_MS = 20;
    /** Routing-context key of the request's deadline (epoch millis): a wait ends in time to answer before it. */
    static final String DEADLINE = "nbo.deadline";
    private static final long ANSWER_MARGIN_MS = 250;

    private AwaitWrite() {
    }

    static void then(RoutingContext ctx, CompletableFuture<?> send, String what, long waitMs, Runnable written,
                     BooleanSupplier visible, Runnable onVisible, Runnable onTimeout) {
        Context vertxContext = ctx.vertx().getOrCreateContext();
        send.whenComplete((ignored, error) -> vertxContext.runOnContext(v -> {
            if (ctx.response().ended()) {
                return;
            }
            if (error != null) {
                Problems.unavailable(ctx, what + " could not be written to Kafka: " + error.getMessage());
                return;
            }
            written.run();
            Long requestDeadline = ctx.get(DEADLINE);
            long deadline = System.currentTimeMillis() + waitMs;
            if (requestDeadline != null) {
                deadline = Math.min(deadline, requestDeadline - ANSWER_MARGIN_MS);
            }
            poll(ctx, visible, deadline, onVisible, onTimeout);
        }));
    }

    private static void poll(RoutingContext ctx, BooleanSupplier visible, long deadline, Runnable onVisible,
                             Runnable onTimeout) {
        if (ctx.response().ended()) {
            return;
        }
        if (isVisible(visible)) {
            onVisible.run();
        } else if (System.currentTimeMillis() > deadline) {
            onTimeout.run();
        } else {
            ctx.vertx().setTimer(POLL_MS, t -> poll(ctx, visible, deadline, onVisible, onTimeout));
        }
    }

    /** A store that cannot be read now (Kafka Streams restarting a thread, say) shows nothing yet: the wait goes on. */
    private static boolean isVisible(BooleanSupplier visible) {
        try {
            return visible.getAsBoolean();
        } catch (StateUnavailableException e) {
            return false;
        }
    }
}
