package io.nbo.load.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * While one instance is frozen, the other must still answer every customer: its own from its active stores,
 * the frozen one's from its standby copy (a 503 is fair while it finds out the owner is not answering). A
 * "not found" for a customer the service knows means it answered from a copy it does not have.
 */
final class StandbyReads {
    /** Records behind: well inside the service's default MAX_COPY_LAG of 100. */
    private static final long WARM_COPY_LAG = 50;
    private final ServiceApi api;
    private final Timeline timeline;

    StandbyReads(ServiceApi api, Timeline timeline) {
        this.api = api;
        this.timeline = timeline;
    }

    /**
     * Waits until {@code node} holds a copy of every partition (its readiness answer reports how many it
     * lacks) and every copy is within the service's staleness bound (it reports the furthest-behind one), so
     * its standbys can answer for a lost owner.
     */
    void awaitWarmCopies(ServiceNode node, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            ServiceApi.Reply ready = api.get(node.url(), "/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.json().path("copiesMissing").asLong(Long.MAX_VALUE)).as(ready.body()).isZero();
            assertThat(ready.json().path("copiesBehind").asLong(Long.MAX_VALUE)).as(ready.body())
                    .isLessThanOrEqualTo(WARM_COPY_LAG);
        });
        timeline.log("%s holds warm copies", node.name());
    }

    void assertSurvivorAnswersEveryone(ServiceNode survivor, Collection<String> customers, Duration during)
            throws Exception {
        long deadline = System.nanoTime() + during.toNanos();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> notFound = new ArrayList<>();
        // What the unanswered requests said, so that a run without a complete round can be explained.
        List<String> refusals = new ArrayList<>();
        int rounds = 0;
        int completeRounds = 0;
        while (System.nanoTime() < deadline) {
            boolean complete = true;
            for (String customerId : customers) {
                ServiceApi.Reply reply = api.get(survivor.url(), "/v1/customers/" + customerId);
                int status = reply.status();
                statuses.merge(status, 1, Integer::sum);
                complete &= status == 200;
                if (status == 404) {
                    notFound.add(String.format("%s at %.1f s", customerId, timeline.seconds()));
                } else if (status != 200 && refusals.size() < 12) {
                    refusals.add(String.format("%s at %.1f s: %s", customerId, timeline.seconds(), reply));
                }
            }
            rounds++;
            completeRounds += complete ? 1 : 0;
            TimeUnit.MILLISECONDS.sleep(250);
        }
        timeline.log("profiles asked of %s while the other instance was frozen: %s; %d of %d rounds all found",
                survivor.name(), statuses, completeRounds, rounds);
        refusals.forEach(refusal -> timeline.log("  not answered: %s", refusal));
        assertThat(notFound).as("customers %s answered as unknown while the other instance was frozen",
                survivor.name()).isEmpty();
        assertThat(completeRounds).as("rounds in which %s answered every customer's profile (of %d rounds; "
                        + "statuses %s; first refusals %s)", survivor.name(), rounds, statuses, refusals)
                .isPositive();
    }
}
