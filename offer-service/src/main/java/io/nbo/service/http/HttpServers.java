package io.nbo.service.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * The API's HTTP servers: one per event loop, all on one port, sharing its connections. Each is started by
 * its own verticle instance, because Vert.x 5 gives every server created from the same outside thread
 * that thread's one event loop, so such servers would all run on a single core.
 */
public final class HttpServers {
    private HttpServers() {
    }

    /**
     * @param shutdownGraceMillis on a stop, how long requests in progress may take to finish before their
     *                            connections are closed (new connections are refused at once)
     */
    /** Starts the servers; returns their deployment, whose undeployment stops them gracefully. */
    public static String listen(Vertx vertx, Router router, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest>
            unreadable, HttpServerOptions options, int port, int eventLoops, long shutdownGraceMillis) throws Exception {
        return vertx.deployVerticle(() -> new ServerVerticle(router, unreadable, options, port, shutdownGraceMillis),
                new DeploymentOptions().setInstances(eventLoops)).await(30, TimeUnit.SECONDS);
    }

    private static final class ServerVerticle extends VerticleBase {
        private final Router router;
        private final io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> unreadable;
        private final HttpServerOptions options;
        private final int port;
        private final long shutdownGraceMillis;
        private io.vertx.core.http.HttpServer server;

        ServerVerticle(Router router, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> unreadable,
                       HttpServerOptions options, int port, long shutdownGraceMillis) {
            this.router = router;
            this.unreadable = unreadable;
            this.options = options;
            this.port = port;
            this.shutdownGraceMillis = shutdownGraceMillis;
        }

        @Override
        public Future<?> start() {
            server = vertx.createHttpServer(options).requestHandler(request -> {
                // Vert.x 5.0 fails on a '%' in the Host header while routing, and the request then hangs until the
                // idle timeout with a stack trace in the log: no host name holds one, so it is refused first.
                String host = request.getHeader("Host");
                if (host != null && host.indexOf('%') >= 0) {
                    Problems.unreadableHost(request);
                } else {
                    router.handle(request);
                }
            }).invalidRequestHandler(unreadable);
            return server.listen(port, options.getHost());
        }

        /**
         * A stop lets the answers being worked on go out (each connection closes once its request is answered), so
         * a client sees an answer or a refused connection, never one cut off without a status.
         */
        @Override
        public Future<?> stop() {
            return server == null ? Future.succeededFuture() : server.shutdown(shutdownGraceMillis, TimeUnit.MILLISECONDS);
        }
    }
}
