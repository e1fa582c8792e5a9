package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.profile.EventArrival;
import io.nbo.topology.profile.EventArrival.Origin;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When each event arrived, as the freshness metric hears it, what that arrival means for events that reach an
 * erased customer late, and whose state each applied record changed, as live views hear it.
 */
class EventArrivalTopologyTest {
    private static final long NOW = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private record Heard(Origin origin, long arrivedAt) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final List<Origin> repeats = new CopyOnWriteArrayList<>();
    private final List<String> erased = new CopyOnWriteArrayList<>();
    private final List<String> changed = new CopyOnWriteArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clickstream;

    @BeforeEach
    void start() throws Exception {
        ActiveStores running = new ActiveStores();
        running.listenToArrivals(new EventArrival.Listener() {
            @Override
            public void applied(Origin origin, long arrivedAt) {
                heard.add(new Heard(origin, arrivedAt));
            }

            @Override
            public void repeated(Origin origin) {
                repeats.add(origin);
            }
        });
        running.listenToErasures(erased::add);
        running.listenToChanges(changed::add);
        driver = TestDrivers.start("arrival-test", running, Instant.ofEpochMilli(NOW));
        clickstream = driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldTimeCollectorEventsFromTheirStampAndOthersFromTheRecordTimestamp() {
        send("c-1", view("e1", "customerId", "c-1"), NOW - 5000, new RecordHeaders().add(EventArrival.stamp(NOW - 250)));
        send("c-1", view("e2", "customerId", "c-1"), NOW - 1000, new RecordHeaders());
        send("c-1", view("e3", "customerId", "c-1"), NOW - 40, new RecordHeaders().add(EventArrival.stamp(NOW + 500)));
        send("c-1", view("e4", "customerId", "c-1"), NOW - 70,
                new RecordHeaders().add(new RecordHeader(EventArrival.HEADER, new byte[]{1, 2, 3})));
        send("c-1", view("e5", "customerId", "c-1"), NOW - 80, new RecordHeaders().add(EventArrival.stamp(-5)));
        send("c-1", view("e6", "customerId", "c-1"), NOW - 90,
                new RecordHeaders().add(EventArrival.stamp(NOW - java.time.Duration.ofDays(8).toMillis())));

        assertThat(heard).as("a stamp of another shape, or from before the horizon, is not a collector's arrival")
                .containsExactly(new Heard(Origin.COLLECTOR, NOW - 250), new Heard(Origin.TOPIC, NOW - 1000),
                new Heard(Origin.COLLECTOR, NOW + 500), new Heard(Origin.TOPIC, NOW - 70),
                new Heard(Origin.TOPIC, NOW - 80), new Heard(Origin.TOPIC, NOW - 90));
    }

    @Test
    void shouldTimeOnlyEventsThatReachTheProfile() {
        send("c-1", view("e1", "customerId", "c-1"), NOW, new RecordHeaders().add(EventArrival.stamp(NOW - 10)));
        send("c-1", view("e1", "customerId", "c-1"), NOW, new RecordHeaders().add(EventArrival.stamp(NOW - 20)));
        send("c-1", "{\"type\":\"page_view\"", NOW, new RecordHeaders().add(EventArrival.stamp(NOW - 30)));

        send("c-1", view("e1", "customerId", "c-1"), NOW, new RecordHeaders());

        assertThat(heard).as("the repeats and the dead letter are not applied").containsExactly(
                new Heard(Origin.COLLECTOR, NOW - 10));
        assertThat(repeats).as("each repeat is heard, by where it came from").containsExactly(Origin.COLLECTOR,
                Origin.TOPIC);
    }

    @Test
    void shouldTimeAVisitorsEventOnceWhereTheCustomerAppliesIt() {
        send("c-1", """
                {"type":"login","eventId":"l1","customerId":"c-1","anonymousId":"anon-1","timestamp":%d,
                 "channel":"web"}""".formatted(NOW), NOW, new RecordHeaders());
        heard.clear();

        send("anon-1", view("a1", "anonymousId", "anon-1"), NOW, new RecordHeaders().add(EventArrival.stamp(NOW - 5)));

        assertThat(heard).as("re-routed to the customer with its stamp, and heard once, where it was applied")
                .containsExactly(new Heard(Origin.COLLECTOR, NOW - 5));
    }

    @Test
    void shouldTellWhoseStateChangedForEachAppliedEventAndDecision() {
        send("c-1", view("e1", "customerId", "c-1"), NOW, new RecordHeaders());
        send("c-1", view("e1", "customerId", "c-1"), NOW, new RecordHeaders());
        send("c-1", """
                {"type":"login","eventId":"l1","customerId":"c-1","anonymousId":"anon-1","timestamp":%d,
                 "channel":"web"}""".formatted(NOW), NOW, new RecordHeaders());
        assertThat(changed).as("the repeat changes nothing").containsExactly("c-1", "c-1");
        changed.clear();

        send("anon-1", view("a1", "anonymousId", "anon-1"), NOW, new RecordHeaders());
        DecisionRecord decision = new DecisionRecord("d1", "c-1", NOW, "web", "home", "thompson",
                List.of(new DecisionRecord.Candidate("o1", "k1", "books", "web/top", 0.1, 0.1, 1, 10, 1, 1, 1, 1)),
                List.of("o1"), List.of(), false, "involvement", "low");
        driver.createInputTopic(Topics.DECISIONS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("c-1", StateSerdes.DECISION.toBytes(decision), NOW);

        assertThat(changed).as("the visitor's event where the customer applied it, then the decision")
                .containsExactly("c-1", "c-1");
    }

    @Test
    void shouldNotLetAnEventSentBeforeAnErasureBringTheCustomerBack() {
        var profiles = driver.<String, io.nbo.decisioning.profile.CustomerProfile>getKeyValueStore(
                io.nbo.topology.profile.ProfileProcessor.PROFILE_STORE);
        send("c-1", view("e0", "customerId", "c-1"), NOW - 1000, new RecordHeaders());
        driver.createInputTopic(Topics.ERASURES.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("c-1", io.nbo.topology.erasure.ErasureProcessor.request(NOW));
        assertThat(erased).as("the service hears the erasure").containsExactly("c-1");
        var rerouted = driver.createInputTopic(Topics.REROUTED_EVENTS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());

        rerouted.pipeInput(new TestRecord<>("c-1", view("late-1", "customerId", "c-1").getBytes(StandardCharsets.UTF_8),
                new RecordHeaders().add(EventArrival.stamp(NOW - 100)), NOW - 100));
        rerouted.pipeInput(new TestRecord<>("c-1", view("late-2", "customerId", "c-1").getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), NOW - 50));
        send("c-1", view("late-3", "customerId", "c-1"), NOW - 20, new RecordHeaders().add(EventArrival.stamp(NOW - 20)));
        assertThat(profiles.get("c-1")).as("sent before the erasure: gone with the customer").isNull();

        send("c-1", view("own-clock", "customerId", "c-1"), NOW - 30, new RecordHeaders());
        assertThat(profiles.get("c-1").eventCount()).as("a producer's own timestamp tells nothing of when it was sent")
                .isEqualTo(1);
        rerouted.pipeInput(new TestRecord<>("c-1", view("new", "customerId", "c-1").getBytes(StandardCharsets.UTF_8),
                new RecordHeaders().add(EventArrival.stamp(NOW + 100)), NOW + 100));
        assertThat(profiles.get("c-1").eventCount()).as("sent after the erasure").isEqualTo(2);
    }

    private void send(String key, String json, long timestamp, org.apache.kafka.common.header.Headers headers) {
        clickstream.pipeInput(new TestRecord<>(key, json.getBytes(StandardCharsets.UTF_8), headers, timestamp));
    }

    private static String view(String eventId, String idField, String id) {
        return """
                {"type":"page_view","eventId":"%s","%s":"%s","timestamp":%d,"channel":"web","category":"books"}"""
                .formatted(eventId, idField, id, NOW);
    }
}
