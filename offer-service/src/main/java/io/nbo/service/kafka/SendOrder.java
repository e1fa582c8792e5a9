package io.nbo.service.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps, per key, sends through one producer behind a record still in flight through another. A record
 * handed to a producer stays in order behind what that producer already has; across two producers nothing
 * keeps the order, so a send that must follow a record of the other producer waits for it, and later sends
 * for the key wait behind the waiting ones, leaving in the order they came.
 */
final class SendOrder<T> {
    /** Per key, what the next send must wait for: an unacknowledged record, or a send queued behind one. */
    private final Map<String, CompletableFuture<?>> sendFirst = new ConcurrentHashMap<>();

    /** Marks {@code inFlight} as what later sends for {@code key} must follow. */
    void mustFollow(String key, CompletableFuture<T> inFlight) {
        sendFirst.put(key, inFlight);
        inFlight.whenComplete((done, error) -> sendFirst.remove(key, inFlight));
    }

    /** Runs {@code send} now, or once what it must follow is acknowledged (or failed) and sends queued before it ran. */
    CompletableFuture<T> send(String key, Supplier<CompletableFuture<T>> send) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?>[] queued = {null};
        sendFirst.compute(key, (k, first) -> {
            if (first == null || first.isDone()) {
                return null;
            }
            // Completes once the send has been handed over, which keeps the order from there on.
            queued[0] = first.handle((done, error) -> null).thenAccept(ignored -> send.get()
                    .whenComplete((written, error) -> settle(result, written, error)));
            return queued[0];
        });
        if (queued[0] == null) {
            return send.get();
        }
        CompletableFuture<?> handedOver = queued[0];
        handedOver.whenComplete((done, error) -> sendFirst.remove(key, handedOver));
        return result;
    }

    /** Keys with something still to follow; empty once everything in flight is acknowledged. */
    int waitingKeys() {
        return sendFirst.size();
    }

    private static <T> void settle(CompletableFuture<T> result, T written, Throwable error) {
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete(written);
        }
    }
}
