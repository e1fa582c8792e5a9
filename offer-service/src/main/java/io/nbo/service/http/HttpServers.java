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

    public static void listen(Vertx vertx, Router router, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest>
            unreadable, HttpServerOptions options, int port, int eventLoops) throws Exception {
        vertx.deployVerticle(() -> new ServerVerticle(router, unreadable, options, port),
                new DeploymentOptions().setInstances(eventLoops)).await(30, TimeUnit.SECONDS);
    }

    private static final class ServerVerticle extends VerticleBase {
        private final Router router;
        private final io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> unreadable;
        private final HttpServerOptions options;
        private final int port;

        ServerVerticle(Router router, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> unreadable,
                       HttpServerOptions options, int port) {
            this.router = router;
            this.unreadable = unreadable;
            this.options = options;
            this.port = port;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options).requestHandler(router)
                    .invalidRequestHandler(unreadable).listen(port, options.getHost());
        }
    }
}
