package io.nbo.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServersTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldServeOnePortFromAsManyEventLoopsAsAsked() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Router router = Router.router(vertx);
        router.get("/where").handler(ctx -> {
            threads.add(Thread.currentThread().getName());
            ctx.response().end();
        });
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        HttpServers.listen(vertx, router, Problems.unreadableRequests(true),
                new HttpServerOptions().setHost("127.0.0.1"), port, 3, 1000);

        HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(12));
        CountDownLatch answered = new CountDownLatch(120);
        for (int i = 0; i < 120; i++) {
            client.request(HttpMethod.GET, port, "127.0.0.1", "/where").compose(request -> request.send())
                    .compose(HttpClientResponse::body).onSuccess(body -> answered.countDown());
        }
        assertThat(answered.await(20, TimeUnit.SECONDS)).as("every request answered").isTrue();
        // Connections are dealt round-robin to the servers: twelve of them reach all three event loops.
        assertThat(threads).hasSize(3).allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
    }

    @Test
    void shouldListenOnlyOnTheConfiguredAddress() throws Exception {
        Router router = Router.router(vertx);
        router.get("/here").handler(ctx -> ctx.response().end("here"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        HttpServers.listen(vertx, router, Problems.unreadableRequests(true),
                new HttpServerOptions().setHost("127.0.0.2"), port, 1, 1000);

        try (java.net.Socket onTheAddress = new java.net.Socket("127.0.0.2", port)) {
            assertThat(onTheAddress.isConnected()).isTrue();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
                .as("another address of the machine is not listened on").isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void shouldAnswerRequestsInProgressWhenStoppedAndRefuseNewConnections() throws Exception {
        Router router = Router.router(vertx);
        CountDownLatch arrived = new CountDownLatch(1);
        router.get("/slow").handler(ctx -> {
            arrived.countDown();
            ctx.vertx().setTimer(1500, id -> ctx.response().end("done"));
        });
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpServers.listen(vertx, router, Problems.unreadableRequests(true),
                new HttpServerOptions().setHost("127.0.0.1").setHttp2ClearTextEnabled(false), port, 1, 5000);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        var inFlight = client.sendAsync(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/slow")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

        var closing = vertx.close().toCompletionStage().toCompletableFuture();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(1)).untilAsserted(() ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close())
                        .as("no new connection once stopping").isInstanceOf(java.net.ConnectException.class));
        var answer = inFlight.get(10, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).as("answered in full, not cut off").isEqualTo("done");
        closing.get(10, TimeUnit.SECONDS);
    }
}
