package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nbo.service.config.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Two instances with a standby copy each: when one goes, the other serves all customers with their state. */
class StandbyFailoverIntegrationTest {
    private static OfferService first;
    private static OfferService second;

    private static ServiceConfig config(Path stateDir, String bootstrap) {
        return TestServices.withStandby(stateDir, "nbo-standby-test", bootstrap);
    }

    @AfterAll
    static void stop() {
        TestServices.closeAll(first, second);
    }

    @Test
    void shouldServeEveryCustomerFromTheSurvivorAfterAnInstanceLeaves() throws Exception {
        first = OfferService.start(config(TempDirs.create("nbo-standby-1"), null));
        second = OfferService.start(config(TempDirs.create("nbo-standby-2"), first.bootstrapServers()));
        Http one = new Http("http://127.0.0.1:" + first.httpPort());
        Http two = new Http("http://127.0.0.1:" + second.httpPort());
        List<String> customers = TestServices.buyers(two, "sb");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < customers.size(); i++) {
                assertThat(one.get("/v1/customers/" + customers.get(i)).status()).isEqualTo(200);
                assertThat(two.get("/v1/customers/" + customers.get(i)).status()).isEqualTo(200);
            }
        });

        // The survivor holds a copy of every partition, within the staleness bound (MAX_COPY_LAG), before the
        // owner goes.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var ready = one.get("/health/ready").json();
            assertThat(ready.get("copiesMissing").asLong()).as(ready.toString()).isZero();
            assertThat(ready.get("copiesBehind").asLong()).as(ready.toString()).isLessThanOrEqualTo(100);
        });
        // What each holds shows in the configuration: its own tasks, and copies of the other's.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var held = one.get("/v1/admin/config").json().get("tasks");
            var otherHeld = two.get("/v1/admin/config").json().get("tasks");
            java.util.Set<String> active = texts(held.get("active"));
            java.util.Set<String> otherActive = texts(otherHeld.get("active"));
            assertThat(active).as(held + " and " + otherHeld).isNotEmpty().doesNotContainAnyElementsOf(otherActive);
            assertThat(otherActive).isNotEmpty();
            assertThat(texts(held.get("standby"))).isNotEmpty().isSubsetOf(otherActive);
            assertThat(texts(otherHeld.get("standby"))).isNotEmpty().isSubsetOf(active);
        });
        long stoppedAt = System.nanoTime();
        second.close();
        second = null;

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < customers.size(); i++) {
                Http.Reply reply = one.get("/v1/customers/" + customers.get(i));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.json().at("/spend/total").asDouble()).isEqualTo(10.0 + i);
            }
        });
        System.out.printf("All customers answered by the survivor %d ms after the other instance left%n",
                (System.nanoTime() - stoppedAt) / 1_000_000);
    }

    private static java.util.Set<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
        java.util.Set<String> values = new java.util.TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
