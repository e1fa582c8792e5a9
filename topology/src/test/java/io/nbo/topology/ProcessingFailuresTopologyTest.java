package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.schemas.topics.Topics;
import io.nbo.topology.deadletter.ProcessingFailures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A record a processor fails on is set aside with the failure as its reason, and the records after it are applied. */
class ProcessingFailuresTopologyTest {
    private static final long NOW = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private final List<Long> applied = new CopyOnWriteArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clickstream;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() throws Exception {
        ActiveStores running = new ActiveStores();
        // The freshness listener runs inside the profile processor: a failure there is a failure of the processor.
        running.listenToArrivals((origin, arrivedAt) -> {
            if (applied.isEmpty()) {
                applied.add(arrivedAt);
                throw new IllegalStateException("the first event breaks this listener");
            }
            applied.add(arrivedAt);
        });
        driver = TestDrivers.start("failures-test", running, Instant.ofEpochMilli(NOW));
        clickstream = driver.createInputTopic(Topics.CLICKSTREAM.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldSetAsideTheRecordAProcessorFailsOnAndGoOn() {
        String first = view("e1", "c-1");
        clickstream.pipeInput(new TestRecord<>("c-1", first.getBytes(StandardCharsets.UTF_8), null, NOW - 10));
        clickstream.pipeInput(new TestRecord<>("c-2", view("e2", "c-2").getBytes(StandardCharsets.UTF_8), null, NOW - 5));

        List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("c-1");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(first);
            assertThat(header(letter, Topics.HEADER_REASON)).startsWith("processing failed in ")
                    .endsWith(": java.lang.IllegalStateException: the first event breaks this listener");
            assertThat(header(letter, Topics.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.CLICKSTREAM.name());
            assertThat(header(letter, Topics.HEADER_SOURCE_OFFSET)).isEqualTo("0");
        });
        assertThat(applied).as("the event after the failure is applied").hasSize(2);
    }

    @Test
    void shouldStillFailOnABrokenStore() {
        ProcessingExceptionHandler.Response response = new ProcessingFailures().handleError(null, null,
                new ProcessorStateException("disk full"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String view(String eventId, String customerId) {
        return """
                {"type":"page_view","eventId":"%s","customerId":"%s","timestamp":%d,"channel":"web","category":"books"}"""
                .formatted(eventId, customerId, NOW);
    }
}
