package io.nbo.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Vert.x server whose only route is slow, behind a limit of two requests in flight. */
class LoadSheddingTest {
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(new LoadShedding(2, new SimpleMeterRegistry())::admit);
        router.get("/slow").handler(ctx -> vertx.setTimer(1500, t -> ctx.response().end("done")));
        server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRefuseRequestsBeyondTheLimitAtOnceWithRetryAfter() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/slow"))
                .build();

        List<CompletableFuture<HttpResponse<String>>> replies = IntStream.range(0, 6)
                .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();
        List<HttpResponse<String>> done = replies.stream().map(CompletableFuture::join).toList();

        assertThat(done).filteredOn(r -> r.statusCode() == 200).hasSize(2);
        List<HttpResponse<String>> shed = done.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(shed).hasSize(4);
        assertThat(shed.get(0).headers().firstValue("Retry-After")).contains("1");
        assertThat(shed.get(0).headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(shed.get(0).body()).contains("\"type\":\"/problems/overloaded\"")
                .contains("\"detail\":\"2 requests are already in progress on this instance (MAX_IN_FLIGHT)");

        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("capacity comes back once requests finish").isEqualTo(200);
    }
}
