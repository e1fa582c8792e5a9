package io.nbo.load.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly-once under faults, end to end: a real broker and two instances of the packaged service, each in a
 * JVM of its own; a known stream of purchases, refunds, views and offer responses produced straight to the
 * input topics while decisions are asked over HTTP; meanwhile instances are killed with SIGKILL and
 * restarted on the same state, the broker is killed and restarted, and one instance is frozen (SIGSTOP) past
 * its session timeout so that it is fenced, then thawed. Afterwards every total must be exact, over HTTP and
 * in what {@code read_committed} consumers see: spend, counts, contact histories and caps, campaign totals.
 * <p>
 * Whether a cap held for decisions made during a failover is reported, not asserted: an instance that answers
 * for a customer while the owner is gone decides from a standby or restoring copy, which may not yet hold the
 * owner's last decisions, and a fenced instance answers from its old copy until it notices. What is asserted
 * is that every presentation is counted exactly once and that the caps hold again once the faults are over.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ExactlyOnceFaultTest {
    private static final String APPLICATION_ID = "nbo-fault-test";
    private static final int PARTITIONS = 4;
    private static final int CUSTOMERS = 40;
    private static final int HOME_DECISIONS_EACH = 3;
    /** About 80 s of traffic with the bursts: it lasts until the last fault is over. */
    private static final double EVENTS_PER_SECOND = 12;
    private static final int BURST = 150;
    /** Longer than the Streams session timeout (10 s): the frozen instance is dropped from the group. */
    private static final Duration FREEZE = Duration.ofSeconds(15);
    private static final Map<String, String> SETTINGS = Map.of(
            "APPLICATION_ID", APPLICATION_ID,
            "TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
            "NUM_STANDBY_REPLICAS", "1",
            "STREAM_THREADS", "1",
            "HTTP_EVENT_LOOPS", "1",
            "POLICY", "greedy",
            "API_KEYS", ServiceApi.API_KEYS);

    private final Timeline timeline = new Timeline();
    private final ServiceApi api = new ServiceApi(Duration.ofSeconds(5));
    private final String runTag = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void everyTotalIsExactAfterCrashesABrokerRestartAndAFencedInstance() throws Exception {
        try (FaultCluster cluster = FaultCluster.start(2, PARTITIONS, SETTINGS, api, timeline)) {
            defineCatalogue(cluster.nodes());
            KnownStream stream = KnownStream.plan(runTag, decideHomeOffers(cluster.nodes()), 20261124L);
            timeline.log("planned %d events (%d records with retries) for %d customers", stream.events.size(),
                    stream.events.stream().mapToInt(e -> e.sentTwice() ? 2 : 1).sum(), stream.customers.size());

            List<DecisionTraffic.Answer> answers;
            try (StreamProducer producer = new StreamProducer(cluster.bootstrapServers(), stream.events,
                    EVENTS_PER_SECOND);
                 DecisionTraffic decisions = new DecisionTraffic(api, cluster.nodes(),
                         List.copyOf(stream.customers.keySet()), 150, timeline)) {
                producer.start();
                decisions.start();
                injectFaults(cluster, producer, stream.customers.keySet());
                decisions.close();
                answers = decisions.answers();
                timeline.log("faults over with %d of %d events sent; product decisions answered: %s",
                        producer.planned(), stream.events.size(), decisions.statuses());
                producer.hurry();
                producer.awaitAcknowledged(Duration.ofMinutes(2));
                timeline.log("known stream acknowledged: %d records, %d resent after a failed send",
                        producer.records(), producer.resends());
            }

            verifyExactness(cluster, stream, answers);
            cluster.deleteFilesOnClose();
        }
    }

    /**
     * A home offer answered by the stream (its category, books, is what conversions need) and a product offer
     * with a cap of two per customer, asked for during the faults.
     */
    private void defineCatalogue(List<ServiceNode> nodes) throws Exception {
        ServiceNode node = nodes.get(0);
        put(node, "/v1/campaigns/" + KnownStream.HOME_CAMPAIGN, """
                {"name":"Fault test: home","controlShare":0}""");
        put(node, "/v1/campaigns/" + DecisionTraffic.PRODUCT_CAMPAIGN, """
                {"name":"Fault test: product","controlShare":0,
                 "contactPolicy":{"maxPerOffer":{"count":%d,"windowHours":24}}}"""
                .formatted(DecisionTraffic.PRODUCT_CAP));
        put(node, "/v1/offers/" + KnownStream.HOME_OFFER, """
                {"campaignId":"%s","name":"Books","category":"%s","channels":["web"],"placements":["home"],
                 "value":10,"priority":1}""".formatted(KnownStream.HOME_CAMPAIGN, KnownStream.BOOKS));
        put(node, "/v1/offers/" + DecisionTraffic.PRODUCT_OFFER, """
                {"campaignId":"%s","name":"Garden","category":"garden","channels":["web"],"placements":["product"],
                 "value":10,"priority":1}""".formatted(DecisionTraffic.PRODUCT_CAMPAIGN));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (ServiceNode each : nodes) {
                JsonNode campaign = api.get(each.url(), "/v1/campaigns/" + DecisionTraffic.PRODUCT_CAMPAIGN).json();
                assertThat(campaign.at("/contactPolicy/maxPerOffer/count").asInt())
                        .isEqualTo(DecisionTraffic.PRODUCT_CAP);
                assertThat(api.get(each.url(), "/v1/offers").json().path("count").asInt()).isEqualTo(2);
            }
        });
        timeline.log("catalogue defined and seen by every instance");
    }

    private void put(ServiceNode node, String path, String json) throws Exception {
        ServiceApi.Reply reply = api.put(node.url(), path, json);
        assertThat(reply.status()).as("PUT %s: %s", path, reply).isIn(200, 201);
    }

    /** The decisions the stream's responses answer, made before the faults and counted before it starts. */
    private List<ExpectedCustomer> decideHomeOffers(List<ServiceNode> nodes) throws Exception {
        List<ExpectedCustomer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            ExpectedCustomer customer = new ExpectedCustomer("cust-" + runTag + "-" + i);
            for (int j = 0; j < HOME_DECISIONS_EACH; j++) {
                customer.homeDecisions.add(decideHome(nodes.get((i + j) % nodes.size()), customer.customerId));
            }
            customers.add(customer);
        }
        int expected = CUSTOMERS * HOME_DECISIONS_EACH;
        // A response only counts once the contact tracker knows its decision, so the stream waits for that.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (ServiceNode node : nodes) {
                JsonNode stats = api.get(node.url(), "/v1/campaigns/" + KnownStream.HOME_CAMPAIGN + "/stats").json();
                assertThat(stats.at("/treatment/impressions").asLong()).as("home impressions on %s", node.name())
                        .isEqualTo(expected);
            }
        });
        timeline.log("%d home decisions made and counted", expected);
        return customers;
    }

    private String decideHome(ServiceNode node, String customerId) throws Exception {
        String path = "/v1/customers/" + customerId + "/offers?channel=web&placement=home&limit=1";
        for (int attempt = 1; ; attempt++) {
            ServiceApi.Reply reply = api.get(node.url(), path);
            // Right after start a partition may still be moving: a 503 decides nothing, asking again is safe.
            if (reply.status() == 503 && attempt < 20) {
                TimeUnit.MILLISECONDS.sleep(250);
                continue;
            }
            assertThat(reply.status()).as("home decision for %s: %s", customerId, reply).isEqualTo(200);
            JsonNode decision = reply.json();
            assertThat(decision.path("offers")).as("home decision for %s: %s", customerId, reply).hasSize(1);
            assertThat(decision.at("/offers/0/offerId").asText()).isEqualTo(KnownStream.HOME_OFFER);
            return decision.path("decisionId").asText();
        }
    }

    /**
     * One after the other, each once every instance is ready again, while the stream and decisions go on; each
     * lands while a burst of events is being processed, so transactions are open when it hits.
     */
    private void injectFaults(FaultCluster cluster, StreamProducer producer, Set<String> customers)
            throws Exception {
        ServiceNode first = cluster.node(0);
        ServiceNode second = cluster.node(1);
        burst(producer);
        cluster.crashAndRestart(second);
        burst(producer);
        cluster.crashAndRestartBroker(Duration.ofSeconds(1));
        burst(producer);
        cluster.crashAndRestart(first);
        burst(producer);
        // Standby reads need a warm standby: after its own crash, the survivor rebuilds its copies first.
        new StandbyReads(api, timeline).awaitWarmCopies(first, Duration.ofSeconds(60));
        cluster.freeze(second, FREEZE, () -> new StandbyReads(api, timeline)
                .assertSurvivorAnswersEveryone(first, customers, FREEZE.minusSeconds(3)));
        burst(producer);
        cluster.crashAndRestart(second);
    }

    private void burst(StreamProducer producer) throws InterruptedException {
        TimeUnit.SECONDS.sleep(2);
        producer.burst(BURST);
        TimeUnit.MILLISECONDS.sleep(100);
        timeline.log("%d events of the stream sent so far, the last %d at once", producer.planned(), BURST);
    }

    private void verifyExactness(FaultCluster cluster, KnownStream stream, List<DecisionTraffic.Answer> answers)
            throws Exception {
        cluster.awaitAllReady();
        String bootstrap = cluster.bootstrapServers();
        HttpChecks http = new HttpChecks(stream, api);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            LoggedDecisions logged = LoggedDecisions.read(bootstrap, stream.customers.keySet());
            for (ServiceNode node : cluster.nodes()) {
                http.assertCampaigns(node, logged);
            }
        });
        timeline.log("campaign totals exact on every instance");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (ServiceNode node : cluster.nodes()) {
                http.assertProfiles(node);
            }
        });
        timeline.log("every profile exact over HTTP");

        LoggedDecisions logged = LoggedDecisions.read(bootstrap, stream.customers.keySet());
        CommittedStateChecks committed = new CommittedStateChecks(stream, APPLICATION_ID, bootstrap);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> committed.assertExact(logged));
        timeline.log("committed changelogs and output topics exact; records of aborted transactions skipped: %s",
                committed.abortedRecords());

        CapsDuringFaults caps = new CapsDuringFaults(logged, answers);
        http.assertCapsHold(cluster.node(0), logged, caps.answeredNotLogged());
        timeline.log("contact caps hold again and count every logged presentation once");
        caps.report(stream.customers.keySet(), timeline);
    }
}
