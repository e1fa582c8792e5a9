package io.nbo.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Vert.x server streaming a snapshot whose clock-driven leaf changes on every read, while a derived
 * value beside it changes once without anything else changing.
 */
class ServerSentEventsTest {
    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile String stage = "deterioration";
    private volatile boolean deleted;
    private volatile Runnable wake;
    private final java.util.Map<String, Integer> subjects = new java.util.concurrent.ConcurrentHashMap<>(
            java.util.Map.of("a", 1, "b", 1, "c", 1));

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/stream").handler(ctx -> ServerSentEvents.stream(ctx, "profile", new JsonObject().put("id", "s"),
                () -> deleted ? null : new JsonObject()
                .put("eventCount", 3)
                .put("derived", new JsonObject()
                        .put("interestsNow", new JsonObject().put("tv", 1.0 / (1 + reads.incrementAndGet())))
                        .put("relationship", new JsonObject().put("stage", stage))),
                "derived.interestsNow"));
        router.get("/woken").handler(ctx -> ServerSentEvents.stream(ctx, "profile", null,
                () -> new JsonObject().put("stage", stage), new ServerSentEvents.Wakeups() {
                    @Override
                    public Runnable subscribe(Runnable wake) {
                        ServerSentEventsTest.this.wake = wake;
                        return () -> ServerSentEventsTest.this.wake = null;
                    }

                    @Override
                    public long pollMillis() {
                        return Duration.ofHours(1).toMillis();
                    }
                }));
        router.get("/many").handler(ctx -> ServerSentEvents.streamEach(ctx, "stats", () -> {
            java.util.Map<String, JsonObject> byId = new java.util.TreeMap<>();
            subjects.forEach((id, count) -> byId.put(id, new JsonObject().put("id", id).put("count", count)));
            return byId;
        }, "id"));
        server = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldSendADerivedChangeButNotAClockDrivenOne() throws Exception {
        HttpResponse<InputStream> response = open("/stream");
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");

        List<String> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            events.add(nextData(lines));
            int readsBeforeChange = reads.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= readsBeforeChange + 3);
            stage = "repair";
            events.add(nextData(lines));
        }

        assertThat(events.get(0)).contains("\"stage\":\"deterioration\"");
        assertThat(events.get(1)).as("the first event sent after polls that only moved the clock-driven leaf")
                .contains("\"stage\":\"repair\"");
    }

    @Test
    void shouldSendAChangeWhenWokenWithoutWaitingForAPoll() throws Exception {
        HttpResponse<InputStream> response = open("/woken");

        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(nextData(lines)).contains("deterioration");
            stage = "repair";
            wake.run();
            wake.run();
            assertThat(nextData(lines)).as("polled once an hour: only the wake-up sends it").contains("repair");
            stage = "intimacy";
            wake.run();
            assertThat(nextData(lines)).contains("intimacy");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> wake == null);
    }

    @Test
    void shouldEndWithARemovedEventNamingTheSubject() throws Exception {
        HttpResponse<InputStream> response = open("/stream");

        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(nextEvent(lines)).startsWith("profile ");
            deleted = true;
            assertThat(nextEvent(lines)).isEqualTo("removed {\"id\":\"s\"}");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).as("the stream ends").isNull();
        }
    }

    @Test
    void shouldSendOnlyTheSubjectsThatChangedAndNameThoseRemoved() throws Exception {
        HttpResponse<InputStream> response = open("/many");

        List<String> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 3; i++) {
                events.add(nextEvent(lines));
            }
            subjects.put("b", 2);
            events.add(nextEvent(lines));
            subjects.remove("a");
            events.add(nextEvent(lines));
        }

        assertThat(events.subList(0, 3)).containsExactly("stats {\"id\":\"a\",\"count\":1}",
                "stats {\"id\":\"b\",\"count\":1}", "stats {\"id\":\"c\",\"count\":1}");
        assertThat(events.get(3)).as("only b changed").isEqualTo("stats {\"id\":\"b\",\"count\":2}");
        assertThat(events.get(4)).isEqualTo("removed {\"id\":\"a\"}");
    }

    private HttpResponse<InputStream> open(String path) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The next event as its name, a space and its data. */
    private static String nextEvent(BufferedReader lines) throws Exception {
        String name = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                return name + " " + line.substring("data: ".length());
            }
        }
        throw new AssertionError("the stream ended");
    }

    private static String nextData(BufferedReader lines) throws Exception {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("data: ")) {
                return line;
            }
        }
        throw new AssertionError("the stream ended");
    }
}
