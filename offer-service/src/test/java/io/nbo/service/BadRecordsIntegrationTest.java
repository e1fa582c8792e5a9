package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nbo.schemas.topics.Topic;
import io.nbo.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad records straight on the input topics: every case of the bad-input corpus on every input topic, a record
 * too large to copy, a torn one, and good records a producer put on another partition of the customer. Each
 * bad one goes to the dead-letter topic with its reason, and the topology keeps running.
 */
class BadRecordsIntegrationTest {
    private static OfferService service;
    private static Http http;
    private static List<BadInputCorpus.Case> corpus;

    @BeforeAll
    static void start() throws Exception {
        corpus = BadInputCorpus.read();
        service = OfferService.start(TestServices.config(TempDirs.create("nbo-bad-records"),
                TestServices.freePort(), TestServices.freePort()));
        http = new Http("http://127.0.0.1:" + service.httpPort());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldSendEveryBadRecordOnEveryInputTopicToTheDeadLetterTopicAndKeepRunning() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> expected = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000), new StringSerializer(), new ByteArraySerializer())) {
            for (Topic<String, byte[]> topic : Topics.eventTopics()) {
                for (int i = 0; i < corpus.size(); i++) {
                    String key = "bad-" + run + "-" + topic.name() + "-" + i;
                    expected.put(key, corpus.get(i).name());
                    producer.send(new ProducerRecord<>(topic.name(), key, corpus.get(i).body()));
                }
            }
            producer.flush();
        }
        String customer = "after-bad-" + run;
        assertThat(http.post("/v1/events", """
                {"type":"page_view","eventId":"%1$s-ok","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, Instant.now())).status()).isEqualTo(202);

        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bad-input-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.key() != null && expected.containsKey(record.key())) {
                        reasons.put(record.key(), new String(record.headers().lastHeader(Topics.HEADER_REASON).value(),
                                StandardCharsets.UTF_8));
                    }
                });
                return reasons.size() == expected.size();
            });
        }
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).status()).as("the topology kept running").isEqualTo(200));
        assertThat(service.streams().state().isRunningOrRebalancing()).isTrue();
    }

    @Test
    void shouldSetAsideARecordTooLargeToCopyWithoutStoppingTheTopology() throws Exception {
        String huge = "huge-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000), new StringSerializer(), new ByteArraySerializer())) {
            // As large as the broker takes: with the dead letter's reason and origin headers it no longer fits.
            producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), huge, new byte[1_048_400]))
                    .get(10, TimeUnit.SECONDS);
        }
        String customer = "after-huge-" + UUID.randomUUID();
        assertThat(http.post("/v1/events", """
                {"type":"page_view","eventId":"%1$s-ok","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, Instant.now())).status()).isEqualTo(202);

        ConsumerRecord<String, byte[]> letter = firstDeadLetterKeyed(huge);
        assertThat(letter.value() == null ? 0 : letter.value().length).as("the bytes stay on their topic").isZero();
        assertThat(header(letter, Topics.HEADER_OMITTED_BYTES)).isEqualTo("value 1048400");
        assertThat(header(letter, Topics.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.CLICKSTREAM.name());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).status()).as("the topology kept running").isEqualTo(200));
    }

    @Test
    void shouldSendABadRecordOnATopicToTheDeadLetterTopicAndKeepProcessing() throws Exception {
        String customer = "it-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), customer,
                    ("{\"type\":\"page_view\",\"customerId\":\"" + customer + "\"").getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
        }
        assertThat(http.post("/v1/events", """
                {"type":"page_view","eventId":"%1$s-after","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, Instant.now().toString())).status()).isEqualTo(202);

        ConsumerRecord<String, byte[]> dead = firstDeadLetterKeyed(customer);
        assertThat(header(dead, Topics.HEADER_REASON)).startsWith("not valid JSON");
        assertThat(header(dead, Topics.HEADER_SOURCE_TOPIC)).isEqualTo("clickstream");
        assertThat(header(dead, Topics.HEADER_SOURCE_OFFSET)).matches("\\d+");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/v1/customers/" + customer).status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/metrics").body()).containsPattern("nbo_dead_letters [1-9]"));
    }

    @Test
    void shouldApplyEventsAProducerPutOnAnotherPartitionOfTheCustomer() throws Exception {
        String customer = "it-" + UUID.randomUUID();
        int home = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                customer.getBytes(StandardCharsets.UTF_8))) % 3;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            // As a producer with another partitioner (librdkafka's crc32, say) would place them.
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), (home + 1) % 3, customer, """
                    {"type":"purchase","eventId":"%1$s-p","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                     "amount":99,"currency":"EUR"}""".formatted(customer, Instant.now().toString()).getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), (home + 2) % 3, customer, """
                    {"type":"page_view","eventId":"%1$s-v","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                    .formatted(customer, Instant.now().toString()).getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Reply profile = http.get("/v1/customers/" + customer);
            assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
            assertThat(profile.json().get("eventCount").asInt()).isEqualTo(2);
            assertThat(profile.json().at("/spend/purchases").asInt()).isEqualTo(1);
        });
    }

    @Test
    void shouldEraseWhereverAProducerPutTheRequestAndSetAsideOneKeyedByNoId() throws Exception {
        String customer = "it-" + UUID.randomUUID();
        assertThat(http.post("/v1/events", """
                {"type":"page_view","eventId":"%1$s-v","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, Instant.now().toString())).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/v1/customers/" + customer).status() == 200);
        int home = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                customer.getBytes(StandardCharsets.UTF_8))) % 3;
        String quoted = "\"" + customer + "\"";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            byte[] now = Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
            // A JSON key serializer's quotes make no id: nothing could be erased by it.
            producer.send(new ProducerRecord<>(Topics.ERASURES.name(), quoted, now)).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.ERASURES.name(), (home + 1) % 3, customer, now))
                    .get(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/v1/customers/" + customer)
                .status()).as("erased from the customer's own partition").isEqualTo(404));
        ConsumerRecord<String, byte[]> letter = firstDeadLetterKeyed(quoted);
        assertThat(header(letter, Topics.HEADER_REASON)).startsWith("erasure request keyed '" + quoted
                + "': key it by the customer or anonymous id to erase");
        assertThat(header(letter, Topics.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.ERASURES.name());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> firstDeadLetterKeyed(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letters-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }
}
