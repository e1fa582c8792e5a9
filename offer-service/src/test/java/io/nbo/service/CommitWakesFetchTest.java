package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nbo.service.embedded.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's consumers keep Kafka's long fetch wait because the broker answers a waiting read-committed
 * fetch as soon as a transaction commits, not when the wait runs out: learning and campaign totals cross
 * each Kafka hop without waiting for it. This holds that assumption against the real broker.
 */
class CommitWakesFetchTest {
    private static final int FETCH_WAIT_MS = 5_000;
    private static final int TRANSACTIONS = 10;
    private static final long NOT_POLLING = Long.MIN_VALUE;

    @TempDir
    Path dataDir;

    @Test
    void aCommittedTransactionReachesAWaitingReadCommittedFetchBeforeItsWaitRunsOut() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dataDir, TestServices.freePort(), TestServices.freePort(), 3)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("hop", 3, (short) 1))).all().get();
            }
            List<Long> delaysMs = delaysFromCommitToRecord(broker.bootstrapServers());

            // A broker that held the fetch for its wait would deliver each record 4.7 s after its commit (the
            // fetch had waited 0.3 s of its 5 s); woken by the commit, they arrive within milliseconds.
            List<Long> sorted = delaysMs.stream().sorted().toList();
            assertThat(sorted.get(TRANSACTIONS / 2)).as("median delay (ms) of %s", delaysMs)
                    .isLessThan(FETCH_WAIT_MS / 5);
        }
    }

    private static List<Long> delaysFromCommitToRecord(String bootstrapServers) throws InterruptedException {
        List<Long> delaysMs = new CopyOnWriteArrayList<>();
        AtomicLong pollingSince = new AtomicLong(NOT_POLLING);
        try (KafkaProducer<String, Long> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hop-writer"), new StringSerializer(), new LongSerializer());
             KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ConsumerConfig.GROUP_ID_CONFIG, "hop-reader",
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                     ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_WAIT_MS,
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                     new StringDeserializer(), new LongDeserializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of("hop"));
            while (consumer.assignment().size() < 3) {
                consumer.poll(Duration.ofMillis(100));
            }
            Thread reader = new Thread(() -> readDelays(consumer, delaysMs, pollingSince), "hop-reader");
            reader.start();
            for (int i = 0; i < TRANSACTIONS; i++) {
                int delivered = i;
                // Each commit comes once the reader has sat in poll for 300 ms: its fetch is then waiting on the
                // broker, not on its way there.
                await().atMost(Duration.ofMillis(2L * FETCH_WAIT_MS)).until(() -> delaysMs.size() == delivered
                        && pollingFor(pollingSince).compareTo(Duration.ofMillis(300)) > 0);
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("hop", i % 3, "key", System.nanoTime()));
                producer.commitTransaction();
            }
            await().atMost(Duration.ofMillis(2L * FETCH_WAIT_MS)).until(() -> delaysMs.size() == TRANSACTIONS);
            consumer.wakeup();
            reader.join();
        }
        return new ArrayList<>(delaysMs);
    }

    private static void readDelays(KafkaConsumer<String, Long> consumer, List<Long> delaysMs, AtomicLong pollingSince) {
        try {
            while (true) {
                pollingSince.set(System.nanoTime());
                ConsumerRecords<String, Long> records = consumer.poll(Duration.ofMinutes(1));
                pollingSince.set(NOT_POLLING);
                for (ConsumerRecord<String, Long> record : records) {
                    delaysMs.add(Duration.ofNanos(System.nanoTime() - record.value()).toMillis());
                }
            }
        } catch (WakeupException stopped) {
            // the test has every record it waited for
        }
    }

    private static Duration pollingFor(AtomicLong pollingSince) {
        long since = pollingSince.get();
        return since == NOT_POLLING ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }
}
