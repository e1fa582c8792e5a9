package io.nbo.load.ingest;

import io.nbo.load.report.IngestResult;
import io.nbo.load.traffic.EventFactory;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Ingest rate, two ways over the same records: (1) the service — produce {@code events} clickstream
 * events straight to Kafka and time from the first send until the service's consumer group has
 * committed past all of them (its profiles then include them: exactly-once commits only after the
 * store updates); (2) a plain consumer that only reads and decodes the same records with
 * {@link EventCodec}. The second is the floor of what any consumer of this topic costs on this machine.
 */
public final class IngestBenchmark {
    private final String bootstrap;
    private final String groupId;
    private final Duration timeout;

    public IngestBenchmark(String bootstrap, String groupId, Duration timeout) {
        this.bootstrap = bootstrap;
        this.groupId = groupId;
        this.timeout = timeout;
    }

    public IngestResult run(int events, EventFactory factory) throws Exception {
        return run(events, i -> factory.nextClick(System.currentTimeMillis()), factory, true);
    }

    /**
     * Waits, up to the timeout, until the service has taken in what its input topics already hold (the
     * decisions of a maximum-rate phase just before, say), so that the ingest figure is for its own events
     * alone. Returns the records still not taken in when the timeout ran out (0 when it caught up).
     */
    public long awaitCaughtUp() throws Exception {
        long start = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> consumed = List.copyOf(admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).keySet());
            Map<TopicPartition, Long> ends = endOffsets(admin, consumed);
            long remaining = lag(admin, ends);
            while (remaining > 0 && System.nanoTime() - start < timeout.toNanos()) {
                TimeUnit.MILLISECONDS.sleep(100);
                remaining = lag(admin, ends);
            }
            return remaining;
        }
    }

    /**
     * Gives every customer of the population one click, straight through Kafka, and waits until the service
     * has taken them all in: state then exists for the whole population.
     */
    public IngestResult populate(int customers, EventFactory factory) throws Exception {
        return run(customers, i -> factory.clickFor(i, System.currentTimeMillis()), factory, false);
    }

    private IngestResult run(int events, IntFunction<CustomerEvent> eventAt, EventFactory factory,
                             boolean plainConsumerBaseline) throws Exception {
        String topic = Topics.CLICKSTREAM.name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> before = endOffsets(admin, partitions);
            long start = System.nanoTime();
            int produced = produce(events, eventAt, factory);
            double produceSeconds = (System.nanoTime() - start) / 1e9;
            Map<TopicPartition, Long> after = endOffsets(admin, partitions);
            long deadline = start + timeout.toNanos();
            long remaining = lag(admin, after);
            while (remaining > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
                remaining = lag(admin, after);
            }
            double serviceSeconds = (System.nanoTime() - start) / 1e9;
            long records = after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
            RawRead raw = plainConsumerBaseline ? readAndDecode(before, after) : new RawRead(0, 0, 0);
            long caughtUp = records - Math.min(records, remaining);
            return new IngestResult(produced, records, round(produceSeconds), remaining == 0, round(serviceSeconds),
                    round(caughtUp / serviceSeconds), raw.records(), raw.refused(), round(raw.seconds()),
                    raw.seconds() > 0 ? round(raw.records() / raw.seconds()) : 0);
        }
    }

    private int produce(int events, IntFunction<CustomerEvent> eventAt, EventFactory factory) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "nbo-load-ingest");
        // Give up within the benchmark's own bounds rather than Kafka's default of retrying for two minutes.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props,
                Topics.CLICKSTREAM.keySerde().serializer(), Topics.CLICKSTREAM.valueSerde().serializer())) {
            for (int i = 0; i < events; i++) {
                // A click, keyed by its subject: the service dead-letters records keyed by anything else.
                CustomerEvent event = eventAt.apply(i);
                producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), event.subjectId(),
                        factory.encode(event)), (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                                firstError.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + events + " events could not be written to Kafka: "
                    + firstError.get().getMessage());
        }
        return events;
    }

    /** Records the group has not committed yet, summed over the partitions, up to {@code targets}. */
    private long lag(Admin admin, Map<TopicPartition, Long> targets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata offset = committed.get(target.getKey());
            lag += Math.max(0, target.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return lag;
    }

    private RawRead readAndDecode(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "nbo-load-raw-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        EventCodec codec = new EventCodec();
        long records = 0;
        long refused = 0;
        long wanted = to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            while (records < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= to.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    records++;
                    if (!codec.decode(record.value(), Topics.defaultTypeOn(record.topic())).ok()) {
                        refused++;
                    }
                }
            }
            return new RawRead(records, refused, (System.nanoTime() - start) / 1e9);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private record RawRead(long records, long refused, double seconds) {
    }
}
