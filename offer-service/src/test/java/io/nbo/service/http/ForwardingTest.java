package io.nbo.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nbo.service.state.KeyOwners;
import io.nbo.service.state.MetadataOnlyStreams;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two real Vert.x servers: the owner of every customer, which can be frozen (it accepts requests and never
 * answers), and this instance, which holds standby copies and forwards to the owner.
 */
class ForwardingTest {
    private static final int PARTITIONS = 4;
    private Vertx vertx;
    private HttpServer owner;
    private HttpServer self;
    private KafkaStreams streams;
    private volatile boolean frozen;
    private final AtomicInteger customerRequestsAtOwner = new AtomicInteger();
    private final AtomicInteger probesAtOwner = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        owner = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals(Forwarding.PROBE_PATH)) {
                probesAtOwner.incrementAndGet();
            } else {
                customerRequestsAtOwner.incrementAndGet();
            }
            if (!frozen) {
                request.response().end("from the owner");
            }
        }).listen(0).await(10, TimeUnit.SECONDS);

        Router router = Router.router(vertx);
        self = vertx.createHttpServer().requestHandler(router).listen(0).await(10, TimeUnit.SECONDS);
        HostInfo selfHost = new HostInfo("127.0.0.1", self.actualPort());
        HostInfo ownerHost = new HostInfo("127.0.0.1", owner.actualPort());
        streams = new MetadataOnlyStreams("forwarding-test",
                key -> new KeyQueryMetadata(ownerHost, Set.of(selfHost), Math.floorMod(key.hashCode(), PARTITIONS)));
        Forwarding forwarding = new Forwarding(new KeyOwners(streams, "store", PARTITIONS), selfHost,
                WebClient.create(vertx), 300, "peer-token");
        router.get("/v1/customers/:customerId").handler(ctx -> {
            if (!forwarding.handledElsewhere(ctx, ctx.pathParam("customerId"))) {
                ctx.response().end("from the standby copy");
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        streams.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerFromTheStandbyWhileTheOwnerIsSilentAndGoBackOnceAProbeSaysItAnswers() throws Exception {
        assertThat(get("c-1").body()).isEqualTo("from the owner");

        frozen = true;
        HttpResponse<String> first = get("c-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
        assertThat(first.body()).contains("did not answer");
        assertThat(get("c-2").body()).as("another customer of the silent owner").isEqualTo("from the standby copy");

        // Requests keep coming; once the owner has been silent long enough, one of them sets off a probe.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(get("c-2").body()).isEqualTo("from the standby copy");
            assertThat(probesAtOwner).hasPositiveValue();
        });
        for (int i = 0; i < 5; i++) {
            assertThat(get("c-" + i).body()).isEqualTo("from the standby copy");
        }
        assertThat(customerRequestsAtOwner).as("requests the silent owner was sent: the first, and no retry")
                .hasValue(2);

        frozen = false;
        await().atMost(Duration.ofSeconds(15)).until(() -> get("c-3").body().equals("from the owner"));
    }

    private HttpResponse<String> get(String customerId) throws Exception {
        return client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + self.actualPort() + "/v1/customers/" + customerId)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
