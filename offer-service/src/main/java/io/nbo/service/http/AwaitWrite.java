package io.nbo.service.http;

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
            poll(ctx, visible, System.currentTimeMillis() + waitMs, onVisible, onTimeout);
        }));
    }

    private static void poll(RoutingContext ctx, BooleanSupplier visible, long deadline, Runnable onVisible,
                             Runnable onTimeout) {
        if (ctx.response().ended()) {
            return;
        }
        if (visible.getAsBoolean()) {
            onVisible.run();
        } else if (System.currentTimeMillis() > deadline) {
            onTimeout.run();
        } else {
            ctx.vertx().setTimer(POLL_MS, t -> poll(ctx, visible, deadline, onVisible, onTimeout));
        }
    }
}
