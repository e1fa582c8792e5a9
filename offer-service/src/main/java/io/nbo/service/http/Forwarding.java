package io.nbo.service.http;

import io.nbo.service.access.Access;
import io.nbo.service.state.KeyOwners;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a per-customer request to the instance that owns the customer's partition (Kafka Streams metadata,
 * {@code application.server}), with a bounded timeout, and relays its answer. The owner may forward once
 * more (an anonymous id stitched to a customer on another partition); {@link #MAX_HOPS} stops loops.
 * When the owner stops answering, requests go to an instance holding a standby copy until Kafka Streams moves
 * the partition or the owner answers again: after {@link #UNREACHABLE_MILLIS} it is probed on its liveness
 * route, so no customer's request waits out a timeout on an owner known to be silent while a standby can
 * answer. Without a standby, requests still go to the owner (it may only have been slow once).
 * Every answer names the instance that served it in the {@code X-Served-By} header.
 */
public final class Forwarding {
    public static final String HOPS_HEADER = "X-Forward-Hops";
    public static final String SERVED_BY_HEADER = "X-Served-By";
    static final String STANDBY_HEADER = "X-Forward-Standby";
    static final String TOKEN_HEADER = "X-Forward-Token";
    /** The id a peer routed a request by: the customer, when the path names a visitor id that leads to them. */
    static final String SUBJECT_HEADER = "X-Forward-Subject";
    static final int MAX_HOPS = 2;

    private final KeyOwners owners;
    private final HostInfo self;
    private final WebClient client;
    private final long timeoutMs;
    private final String peerToken;
    private final java.util.Map<HostInfo, Long> lastFailure = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<HostInfo> probing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final long UNREACHABLE_MILLIS = 5_000;
    static final String PROBE_PATH = "/health/live";

    /** @param peerToken shared by the instances of one deployment; marks a request as forwarded by a peer */
    public Forwarding(KeyOwners owners, HostInfo self, WebClient client, long timeoutMs, String peerToken) {
        this.peerToken = peerToken;
        this.owners = owners;
        this.self = self;
        this.client = client;
        this.timeoutMs = timeoutMs;
    }

    /** How long an instance waits for a peer it forwarded a request to, for a deployment's request timeout. */
    public static long peerTimeoutMs(long requestTimeoutMs) {
        return Math.max(100, requestTimeoutMs / 2);
    }

    public String self() {
        return self.host() + ":" + self.port();
    }

    /**
     * The customer a peer routed this request to us for, when the path names another id (a visitor who leads to
     * them), or null. The customer's owner answers for them as named, without resolving the visitor's id (whose
     * alias it may not hold) or routing the request back by it.
     */
    public String subjectNamedByPeer(RoutingContext ctx, String requested) {
        String named = ctx.request().getHeader(SUBJECT_HEADER);
        return named != null && !named.equals(requested)
                && Access.sameToken(peerToken, ctx.request().getHeader(TOKEN_HEADER)) ? named : null;
    }

    /**
     * True when the request was (or is being) answered elsewhere, or refused because no instance owns the key
     * right now; false when this instance should answer it.
     */
    public boolean handledElsewhere(RoutingContext ctx, String key) {
        ctx.response().putHeader(SERVED_BY_HEADER, self());
        boolean fromPeer = Access.sameToken(peerToken, ctx.request().getHeader(TOKEN_HEADER));
        int hops = fromPeer ? hops(ctx) : 0;
        if (hops >= MAX_HOPS) {
            return false;
        }
        KeyQueryMetadata metadata = owners.of(key);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            Problems.unavailable(ctx, "no instance owns " + key + " right now (rebalancing)");
            return true;
        }
        HostInfo owner = metadata.activeHost();
        if (owner.equals(self) || owner.port() <= 0 || (fromPeer && ctx.request().getHeader(STANDBY_HEADER) != null)) {
            return false;
        }
        if (!reachable(owner)) {
            // The owner is gone (until the group notices): a warm standby copy answers instead.
            if (metadata.standbyHosts().contains(self)) {
                return false;
            }
            for (HostInfo standby : metadata.standbyHosts()) {
                if (reachable(standby)) {
                    forward(ctx, standby, hops + 1, true, key);
                    return true;
                }
            }
        }
        forward(ctx, owner, hops + 1, false, key);
        return true;
    }

    /** Whether the owner answered since it last failed to; an unreachable owner is answered from a standby. */
    private boolean reachable(HostInfo owner) {
        Long failedAt = lastFailure.get(owner);
        if (failedAt == null) {
            return true;
        }
        if (System.currentTimeMillis() - failedAt > UNREACHABLE_MILLIS) {
            probe(owner);
        }
        return false;
    }

    private void probe(HostInfo host) {
        if (!probing.add(host)) {
            return;
        }
        try {
            client.get(host.port(), host.host(), PROBE_PATH).timeout(timeoutMs).send().onComplete(answer -> {
                if (answer.succeeded()) {
                    lastFailure.remove(host);
                } else {
                    lastFailure.put(host, System.currentTimeMillis());
                }
                probing.remove(host);
            });
        } catch (RuntimeException e) {
            probing.remove(host);
            throw e;
        }
    }

    private void forward(RoutingContext ctx, HostInfo owner, int hops, boolean toStandby, String key) {
        var request = client.request(ctx.request().method(), owner.port(), owner.host(), ctx.request().uri())
                .timeout(timeoutMs)
                .putHeader(HOPS_HEADER, Integer.toString(hops))
                .putHeader(TOKEN_HEADER, peerToken)
                .putHeader(SUBJECT_HEADER, key);
        // The owner checks the caller's key again: forwarding grants nothing the caller did not have.
        for (String name : new String[]{Access.KEY_HEADER, "Authorization"}) {
            String value = ctx.request().getHeader(name);
            if (value != null) {
                request.putHeader(name, value);
            }
        }
        if (toStandby) {
            request.putHeader(STANDBY_HEADER, "true");
        }
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        var sent = ctx.body() != null && ctx.body().buffer() != null ? request.sendBuffer(ctx.body().buffer())
                : request.send();
        sent.onSuccess(reply -> {
            lastFailure.remove(owner);
            relay(ctx, reply, owner);
        }).onFailure(error -> {
            lastFailure.put(owner, System.currentTimeMillis());
            Problems.unavailable(ctx, "the instance owning this customer (" + owner.host() + ":" + owner.port()
                    + ") did not answer" + (error instanceof java.util.concurrent.TimeoutException
                    ? " within " + timeoutMs + " ms" : ": " + error.getMessage()));
        });
    }

    private static void relay(RoutingContext ctx, HttpResponse<Buffer> reply, HostInfo owner) {
        if (ctx.response().ended()) {
            return;
        }
        MultiMap headers = reply.headers();
        ctx.response().setStatusCode(reply.statusCode());
        // Refused before its routes (overloaded, say), the owner named no one: it was the owner all the same.
        ctx.response().putHeader(SERVED_BY_HEADER, owner.host() + ":" + owner.port());
        for (String name : new String[]{"Content-Type", "Retry-After", SERVED_BY_HEADER, DecisionReplays.HEADER}) {
            if (headers.get(name) != null) {
                ctx.response().putHeader(name, headers.get(name));
            }
        }
        ctx.response().end(reply.body() == null ? Buffer.buffer() : reply.body());
    }

    private static int hops(RoutingContext ctx) {
        try {
            String value = ctx.request().getHeader(HOPS_HEADER);
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return MAX_HOPS;
        }
    }
}
