package io.nbo.load.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.json.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic as a {@code read_committed} consumer sees it, from the start to the last stable offset: only what
 * committed transactions wrote, never what an aborted or fenced one left behind.
 */
final class CommittedLog {
    private CommittedLog() {
    }

    static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic) {
        return read(bootstrapServers, topic, "read_committed");
    }

    /** A record's value: JSON, or for contact histories Smile (binary JSON), which reads into the same tree. */
    static JsonNode json(byte[] value) {
        try {
            return (JsonSerde.isSmile(value) ? Json.binaryMapper() : Json.mapper()).readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records in {@code topic} that only a read_uncommitted consumer sees: what aborted transactions wrote. */
    static int abortedRecords(String bootstrapServers, String topic) {
        return read(bootstrapServers, topic, "read_uncommitted").size() - read(bootstrapServers, topic).size();
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic, String isolation) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "fault-test-reader-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For a read_committed consumer the end offsets are the last stable offsets.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
