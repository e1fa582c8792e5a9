package io.nbo.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.OfferTopology;
import io.nbo.topology.StreamsSettings;
import io.nbo.topology.TopologyConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics left out are those the service's recording level never moves, and only those among the checked. */
class UnrecordedStreamsMetricsTest {
    private final UnrecordedStreamsMetrics filter = new UnrecordedStreamsMetrics();

    @Test
    void shouldLeaveOutWhatNeverMovesAtTheServicesRecordingLevel(@TempDir Path stateDir) {
        Map<MetricName, Double> atInfo = afterTraffic(stateDir.resolve("info"), null);
        Map<MetricName, Double> atTrace = afterTraffic(stateDir.resolve("trace"), "TRACE");

        Map<MetricName, Double> leftOut = new HashMap<>();
        atInfo.forEach((metric, value) -> {
            if (filter.accept(id(metric)) == MeterFilterReply.DENY) {
                leftOut.put(metric, value);
            }
        });
        assertThat(leftOut.keySet()).extracting(UnrecordedStreamsMetricsTest::name)
                .contains("kafka.stream.state.put.rate", "kafka.stream.state.get.latency.avg",
                        "kafka.stream.state.bytes.written.total", "kafka.stream.task.process.total",
                        "kafka.stream.processor.node.process.total", "kafka.stream.state.record.e2e.latency.max");
        assertThat(leftOut).as("none of them moved at the service's level")
                .allSatisfy((metric, value) -> assertThat(value).as(metric.toString()).isIn(0.0, Double.NaN));
        assertThat(moved(atTrace, "kafka.stream.state.put.rate")).as("they measure something when recorded").isTrue();
        assertThat(moved(atTrace, "kafka.stream.task.process.total")).isTrue();

        assertThat(moved(atInfo, "kafka.stream.topic.records.consumed.total")).as("what moves is kept").isTrue();
        assertThat(moved(atInfo, "kafka.stream.state.estimate.num.keys")).isTrue();
        assertThat(atInfo.keySet()).extracting(UnrecordedStreamsMetricsTest::name)
                .filteredOn(name -> filter.accept(id(name)) == MeterFilterReply.NEUTRAL)
                .contains("kafka.stream.task.dropped.records.total", "kafka.stream.task.restore.remaining.records.total",
                        "kafka.stream.task.active.process.ratio", "kafka.stream.state.num.open.iterators");
    }

    private Map<MetricName, Double> afterTraffic(Path stateDir, String recordingLevel) {
        Properties props = StreamsSettings.properties("metrics-test", "unused:9092", stateDir.toString(), "unused:1",
                1, 1, 0, 100, 64L << 20, 100);
        if (recordingLevel != null) {
            props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, recordingLevel);
        }
        long now = Instant.now().toEpochMilli();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                OfferTopology.build(TopologyConfig.defaults(), new ActiveStores()), props)) {
            TestInputTopic<String, byte[]> clicks = driver.createInputTopic(Topics.CLICKSTREAM.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            for (int i = 0; i < 20; i++) {
                String customer = "c" + (i % 5);
                clicks.pipeInput(customer, """
                        {"type":"product_view","eventId":"e%d","customerId":"%s","timestamp":%d,"channel":"web",
                         "page":"/p/books","category":"books","productId":"p-%d"}"""
                        .formatted(i, customer, now, i).getBytes(StandardCharsets.UTF_8));
            }
            Map<MetricName, Double> values = new HashMap<>();
            driver.metrics().forEach((metric, value) -> {
                if (metric.group().startsWith("stream-") && value.metricValue() instanceof Number number) {
                    values.put(metric, number.doubleValue());
                }
            });
            return values;
        }
    }

    private static boolean moved(Map<MetricName, Double> values, String name) {
        return values.entrySet().stream().anyMatch(e -> name(e.getKey()).equals(name) && e.getValue() > 0);
    }

    /** The name Micrometer's Kafka binder gives a Kafka metric. */
    private static String name(MetricName metric) {
        return ("kafka." + metric.group().replace("-metrics", "") + "." + metric.name()).replace('-', '.');
    }

    private static Meter.Id id(MetricName metric) {
        return id(name(metric));
    }

    private static Meter.Id id(String name) {
        return new Meter.Id(name, Tags.empty(), null, null, Meter.Type.GAUGE);
    }
}
