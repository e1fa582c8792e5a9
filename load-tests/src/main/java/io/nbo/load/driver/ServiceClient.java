package io.nbo.load.driver;

import io.nbo.load.report.RouteStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * HTTP/1.1 keep-alive client for the service with a bounded pool: at most {@code connections} requests are
 * on the wire; the next ones wait in the client's queue (that wait counts in their latency) and beyond
 * {@code maxQueued} are refused at once and counted as {@code client-queue-full}.
 */
public final class ServiceClient implements AutoCloseable {
    private final Vertx vertx;
    private final WebClient client;
    private final String host;
    private final int port;
    private final long timeoutMillis;
    private final String apiKey;

    /** @param apiKey sent with every request; an admin key, since the harness uses every route group */
    public ServiceClient(URI base, String apiKey, int connections, int maxQueued, Duration requestTimeout,
                         int eventLoops) {
        this.apiKey = apiKey;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        this.client = WebClient.create(vertx,
                new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true).setUserAgent("nbo-load-tests"),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(maxQueued));
        this.host = base.getHost();
        this.port = base.getPort();
        this.timeoutMillis = requestTimeout.toMillis();
    }

    public Future<HttpResponse<Buffer>> get(String path) {
        return guarded(() -> prepare(client.get(port, host, path)).send());
    }

    public Future<HttpResponse<Buffer>> post(String path, byte[] json) {
        return guarded(() -> prepare(client.post(port, host, path)).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json)));
    }

    /**
     * Vert.x 5.0.7's connection pool can throw {@code IllegalStateException("Promise already completed")} into
     * the sending thread when it settles another request that timed out while waiting for a connection (seen
     * only near saturation). That request is then counted as a client error, once, instead of ending the run.
     */
    private static Future<HttpResponse<Buffer>> guarded(java.util.function.Supplier<Future<HttpResponse<Buffer>>> send) {
        try {
            return send.get();
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Records the outcome of {@code request} in {@code stats}, timed from {@code dueNanos}. {@code onAnswer}
     * sees every HTTP answer (any status) on a client thread and must not block. The returned future
     * completes, successfully, once the outcome is recorded.
     */
    public Future<Void> send(Future<HttpResponse<Buffer>> request, RouteStats stats, long dueNanos,
                             Consumer<HttpResponse<Buffer>> onAnswer) {
        stats.sent();
        return request.transform(result -> {
            long elapsed = System.nanoTime() - dueNanos;
            if (result.succeeded()) {
                stats.answered(result.result().statusCode(), elapsed);
                onAnswer.accept(result.result());
            } else {
                stats.failed(failureKind(result.cause()), elapsed);
            }
            return Future.succeededFuture();
        });
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The error key a client-side failure is counted under. */
    public static String failureKind(Throwable error) {
        if (error instanceof TimeoutException) {
            return "timeout";
        }
        if (error instanceof ConnectionPoolTooBusyException) {
            return io.nbo.load.report.RouteStats.NOT_SENT;
        }
        if (error instanceof ConnectException) {
            return "connection";
        }
        return "client-" + error.getClass().getSimpleName();
    }

    private HttpRequest<Buffer> prepare(HttpRequest<Buffer> request) {
        return request.timeout(timeoutMillis).putHeader("X-API-Key", apiKey);
    }

    @Override
    public void close() {
        client.close();
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // The figures are already taken and the command exits the JVM when it is done.
        }
    }
}
