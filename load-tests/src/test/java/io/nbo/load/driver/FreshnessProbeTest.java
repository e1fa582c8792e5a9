package io.nbo.load.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nbo.load.report.FreshnessResult;
import io.nbo.load.traffic.Customers;
import io.nbo.load.traffic.EventFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FreshnessProbeTest {
    @Test
    void shouldRecordAProbeThatGaveUpWithTheTimeItWaited() throws Exception {
        Vertx vertx = Vertx.vertx();
        // A service that takes every event and never reflects one in its decisions.
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.response()
                .setStatusCode(request.path().equals("/v1/events") ? 202 : 200)
                .putHeader("Content-Type", "application/json").end("{\"knownCustomer\":false}"))
                .listen(0).await();
        try (ServiceClient client = new ServiceClient(URI.create("http://127.0.0.1:" + server.actualPort()), "key", 2,
                100, Duration.ofSeconds(5), 1)) {
            FreshnessProbe probe = new FreshnessProbe(client, new EventFactory(new Customers(10, 1.0),
                    new SplittableRandom(1), "t"), "t", Duration.ofMillis(10), Duration.ofMillis(300));

            probe.fire(System.nanoTime());
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.pending() == 0);

            FreshnessResult result = probe.result();
            assertThat(result.timedOut()).isEqualTo(1);
            assertThat(result.reflected()).isZero();
            assertThat(result.latency().count()).as("not left out of the percentiles").isEqualTo(1);
            assertThat(result.latency().maxMs()).isGreaterThanOrEqualTo(300);
        } finally {
            vertx.close().await();
        }
    }
}
