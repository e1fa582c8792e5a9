package io.nbo.service.http;

import io.nbo.service.state.StateUnavailableException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Server-sent events from state that changes: snapshots are read when the subject's state is written here (where
 * the stream is given {@link Wakeups}), and every {@link #POLL_MS} on the event loop
 * (store reads are local and fast) and each is sent only when it differs from the last one sent, ignoring the
 * parts named as volatile: dotted paths to values that change with the clock alone. Only those leaves are
 * ignored, so a change that arrives by another store (an accepted recovery action moving the stage) is still
 * sent even when the profile it derives from did not change. A comment line every {@link #HEARTBEAT_MS} keeps
 * proxies from closing an idle stream. The stream ends when the client goes.
 */
final class ServerSentEvents {
    static final long POLL_MS = 500;
    static final long HEARTBEAT_MS = 15_000;
    static final String REMOVED = "removed";

    private ServerSentEvents() {
    }

    /** Tells a stream that its subject may have changed, so it need not wait for its next poll. */
    interface Wakeups {
        /** Starts calling {@code wake} (from any thread) on changes; the returned action stops it. */
        Runnable subscribe(Runnable wake);

        /** How often to read anyway, for changes that come another way. */
        default long pollMillis() {
            return POLL_MS;
        }
    }

    /**
     * One subject's snapshot; when the supplier answers null the subject is gone: a {@code removed} event with
     * {@code gone} as its data (naming the subject, as the events of {@link #streamEach} do) ends the stream.
     */
    static void stream(RoutingContext ctx, String eventName, JsonObject gone, Supplier<JsonObject> snapshot,
                       String... volatilePaths) {
        stream(ctx, eventName, gone, snapshot, null, volatilePaths);
    }

    /** As above, and read again as soon as {@code wakeups} (null: none) says the subject changed. */
    static void stream(RoutingContext ctx, String eventName, JsonObject gone, Supplier<JsonObject> snapshot,
                       Wakeups wakeups, String... volatilePaths) {
        start(ctx, eventName, () -> {
            JsonObject current = snapshot.get();
            return current == null ? null : Map.of("", current);
        }, null, gone, wakeups, volatilePaths);
    }

    /**
     * Many subjects over one connection (browsers open at most six per host over HTTP/1.1): each changed
     * snapshot is its own event, and a subject no longer in the map gets a {@code removed} event naming it.
     */
    static void streamEach(RoutingContext ctx, String eventName, Supplier<Map<String, JsonObject>> snapshots,
                           String idField, String... volatilePaths) {
        start(ctx, eventName, snapshots, idField, null, null, volatilePaths);
    }

    private static void start(RoutingContext ctx, String eventName, Supplier<Map<String, JsonObject>> snapshots,
                              String idField, JsonObject gone, Wakeups wakeups, String[] volatilePaths) {
        // Streams outlive the request deadline by design.
        ctx.request().resume();
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        Map<String, String> sent = new HashMap<>();
        long[] lastWrite = {System.currentTimeMillis()};
        Runnable push = () -> {
            if (response.writeQueueFull() || response.ended()) {
                // A client that does not read gets no more until it catches up; the next change is sent then.
                return;
            }
            Map<String, JsonObject> current;
            try {
                current = snapshots.get();
            } catch (StateUnavailableException e) {
                return;
            }
            if (current == null) {
                response.end("event: " + REMOVED + "\ndata: " + (gone == null ? "{}" : gone.encode()) + "\n\n");
                return;
            }
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, JsonObject> entry : current.entrySet()) {
                String fingerprint = fingerprint(entry.getValue(), volatilePaths);
                if (!fingerprint.equals(sent.put(entry.getKey(), fingerprint))) {
                    out.append("event: ").append(eventName).append("\ndata: ").append(entry.getValue().encode())
                            .append("\n\n");
                }
            }
            for (Iterator<String> known = sent.keySet().iterator(); known.hasNext(); ) {
                String id = known.next();
                if (!current.containsKey(id)) {
                    known.remove();
                    out.append("event: ").append(REMOVED).append("\ndata: ")
                            .append(new JsonObject().put(idField, id).encode()).append("\n\n");
                }
            }
            if (!out.isEmpty()) {
                lastWrite[0] = System.currentTimeMillis();
                response.write(out.toString());
            } else if (System.currentTimeMillis() - lastWrite[0] > HEARTBEAT_MS) {
                lastWrite[0] = System.currentTimeMillis();
                response.write(": heartbeat\n\n");
            }
        };
        // Changes come in bursts (a page view, then the decision it asked for): one read serves a burst.
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable unsubscribe = wakeups == null ? () -> { } : wakeups.subscribe(() -> {
            if (woken.compareAndSet(false, true)) {
                context.runOnContext(v -> {
                    woken.set(false);
                    if (!response.closed() && !response.ended()) {
                        push.run();
                    }
                });
            }
        });
        push.run();
        if (response.ended()) {
            // Over at once (its subject is gone): nothing to follow, and no handler may be set on an ended answer.
            unsubscribe.run();
            return;
        }
        long timer = ctx.vertx().setPeriodic(wakeups == null ? POLL_MS : wakeups.pollMillis(), id -> {
            if (response.closed() || response.ended()) {
                ctx.vertx().cancelTimer(id);
                unsubscribe.run();
            } else {
                push.run();
            }
        });
        response.closeHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            unsubscribe.run();
        });
        // A stream never ends by itself: on a stop it ends here, and the browser reconnects to another instance.
        ctx.request().connection().shutdownHandler(v -> {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    private static String fingerprint(JsonObject snapshot, String[] volatilePaths) {
        if (volatilePaths.length == 0) {
            return snapshot.encode();
        }
        JsonObject comparable = snapshot.copy();
        for (String path : volatilePaths) {
            removePath(comparable, path);
        }
        return comparable.encode();
    }

    private static void removePath(JsonObject json, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            json.remove(path);
        } else if (json.getValue(path.substring(0, dot)) instanceof JsonObject inner) {
            removePath(inner, path.substring(dot + 1));
        }
    }
}
