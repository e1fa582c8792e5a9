package io.nbo.service.http;

import io.nbo.service.state.StateUnavailableException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Server-sent events from state that changes: the snapshot is read every {@link #POLL_MS} on the event loop
 * (store reads are local and fast) and sent only when it differs from the last one sent, ignoring the parts
 * named as volatile: dotted paths to values that change with the clock alone. Only those leaves are ignored, so
 * a change that arrives by another store (an accepted recovery action moving the stage) is still sent even
 * when the profile it derives from did not change. A comment line every
 * {@link #HEARTBEAT_MS} keeps proxies from closing an idle stream. The stream ends when the client goes.
 */
final class ServerSentEvents {
    static final long POLL_MS = 500;
    static final long HEARTBEAT_MS = 15_000;

    private ServerSentEvents() {
    }

    static void stream(RoutingContext ctx, String eventName, Supplier<JsonObject> snapshot, String... volatilePaths) {
        // Streams outlive the request deadline by design.
        ctx.request().resume();
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        String[] last = {null};
        long[] lastWrite = {System.currentTimeMillis()};
        Runnable push = () -> {
            if (response.writeQueueFull()) {
                // A client that does not read gets no more until it catches up; the next change is sent then.
                return;
            }
            JsonObject current;
            try {
                current = snapshot.get();
            } catch (StateUnavailableException e) {
                return;
            }
            JsonObject comparable = current.copy();
            for (String path : volatilePaths) {
                removePath(comparable, path);
            }
            String fingerprint = comparable.encode();
            if (!fingerprint.equals(last[0])) {
                last[0] = fingerprint;
                lastWrite[0] = System.currentTimeMillis();
                response.write("event: " + eventName + "\ndata: " + current.encode() + "\n\n");
            } else if (System.currentTimeMillis() - lastWrite[0] > HEARTBEAT_MS) {
                lastWrite[0] = System.currentTimeMillis();
                response.write(": heartbeat\n\n");
            }
        };
        push.run();
        long timer = ctx.vertx().setPeriodic(POLL_MS, id -> {
            if (response.closed() || response.ended()) {
                ctx.vertx().cancelTimer(id);
            } else {
                push.run();
            }
        });
        response.closeHandler(v -> ctx.vertx().cancelTimer(timer));
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
