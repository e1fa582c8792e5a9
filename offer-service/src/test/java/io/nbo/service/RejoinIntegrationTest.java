package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nbo.service.config.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An instance that comes back after its share moved on (a restart, a deploy) warms its copies before it takes
 * its customers back: meanwhile the instance that covered for it goes on answering them, instead of handing them
 * to a copy still being restored, which can only answer 503. It stays ready throughout: a balancer that took it out
 * while the group rebalances would leave no one to answer.
 */
class RejoinIntegrationTest {
    private static OfferService first;
    private static OfferService second;

    private static ServiceConfig config(Path stateDir, String bootstrap) {
        return TestServices.withStandby(stateDir, "nbo-rejoin-test", bootstrap);
    }

    @AfterAll
    static void stop() {
        TestServices.closeAll(first, second);
    }

    @Test
    void shouldKeepAnsweringAndStayReadyWhileAnInstanceThatFellBehindRejoins() throws Exception {
        first = OfferService.start(config(TempDirs.create("nbo-rejoin-1"), null));
        Path secondState = TempDirs.create("nbo-rejoin-2");
        second = OfferService.start(config(secondState, first.bootstrapServers()));
        Http one = new Http("http://127.0.0.1:" + first.httpPort());
        List<String> customers = TestServices.buyers(one, "rj");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var ready = one.get("/health/ready").json();
            assertThat(ready.get("copiesMissing").asLong()).as(ready.toString()).isZero();
            assertThat(ready.get("copiesBehind").asLong()).as(ready.toString()).isLessThanOrEqualTo(100);
            customers.forEach(c -> assertThat(one.get("/v1/customers/" + c).status()).isEqualTo(200));
        });
        second.close();
        second = null;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                customers.forEach(c -> assertThat(one.get("/v1/customers/" + c).status()).isEqualTo(200)));

        // While it is away, its customers' partitions move on far past the staleness bound (MAX_COPY_LAG, 100 records).
        String run = Instant.now().toString();
        for (int batch = 0; batch < 30; batch++) {
            int b = batch;
            String views = IntStream.range(0, 100).mapToObj(i -> """
                    {"type":"page_view","eventId":"rj-%s-%d-%d","customerId":"%s","timestamp":"%s","channel":"web"}"""
                    .formatted(run, b, i, customers.get(i % customers.size()), Instant.now()))
                    .collect(Collectors.joining(",", "[", "]"));
            assertThat(one.post("/v1/events", views).status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(one.get("/v1/customers/" + customers.get(0)).json().path("eventCount").asLong())
                        .isGreaterThan(250));

        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> notReady = new ConcurrentLinkedQueue<>();
        Set<String> servedBy = ConcurrentHashMap.newKeySet();
        AtomicBoolean asking = new AtomicBoolean(true);
        AtomicInteger asked = new AtomicInteger();
        Thread client = new Thread(() -> {
            while (asking.get()) {
                for (String customer : customers) {
                    Http.Reply reply = one.get("/v1/customers/" + customer);
                    asked.incrementAndGet();
                    servedBy.add(String.valueOf(reply.header("X-Served-By")));
                    if (reply.status() != 200) {
                        refused.add(reply.status() + " " + reply.body());
                    }
                }
                Http.Reply ready = one.get("/health/ready");
                if (ready.status() != 200) {
                    notReady.add(ready.body());
                }
            }
        });
        client.start();
        long rejoined = System.nanoTime();
        second = OfferService.start(config(secondState, first.bootstrapServers()));
        String secondPort = ":" + second.httpPort();
        // It takes its share back at a rebalance that finds its copies caught up (probing ones come once a minute).
        await().atMost(Duration.ofSeconds(150))
                .until(() -> servedBy.stream().anyMatch(host -> host.endsWith(secondPort)));
        // At least 20 s in all, so every run is judged over a like span of answers.
        long seen = Duration.ofNanos(System.nanoTime() - rejoined).toMillis();
        await().pollDelay(Duration.ofMillis(Math.max(5_000, 20_000 - seen))).atMost(Duration.ofSeconds(21))
                .until(() -> true);
        asking.set(false);
        client.join();

        System.out.printf("Refused while the instance rejoined and took its share back: %d of %d%n", refused.size(),
                asked.get());
        assertThat(asked.get()).isGreaterThan(1000);
        // Taking customers over while restoring their copies refused about 3 % of these answers for seconds; what is
        // left are reads that fail while a task changes hands (Kafka Streams refuses them between assignments), and,
        // now and then, a copy Kafka Streams hands over before it has caught up (docs/deployment.md).
        assertThat(refused.size()).as(refused.toString()).isLessThan(asked.get() / 100);
        assertThat(notReady).as("the covering instance stays ready through the rebalances the other one causes")
                .isEmpty();
    }
}
