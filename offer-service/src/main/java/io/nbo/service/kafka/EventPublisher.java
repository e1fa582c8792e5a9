package io.nbo.service.kafka;

import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.topics.Topic;
import io.nbo.schemas.topics.Topics;
import io.nbo.topology.StateSerdes;
import io.nbo.topology.identity.IdentityRecords;
import io.nbo.topology.profile.EventArrival;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes validated events and catalogue changes to their topics with acks=all and idempotence, so an
 * acknowledged write is durable and a producer retry never duplicates it. Completion callbacks run on the
 * producer's I/O thread; callers hop back to their own thread.
 */
public final class EventPublisher implements AutoCloseable {
    static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(5);
    private final KafkaProducer<String, byte[]> producer;
    /**
     * Decisions go through a producer of their own that waits longer to fill a batch: nobody waits for their
     * acknowledgement, and with one produce request per decision the broker spent more CPU per decision
     * than the event loop did.
     */
    private final KafkaProducer<String, byte[]> decisionProducer;
    /**
     * How long a decision may wait for others to share its produce request. Measured on two cores: 20 ms
     * instead of 1 took the broker from about 330 to 165 µs of CPU per decision. Caps do not wait for it
     * (decisions in flight are remembered, {@code PendingContacts}); learning gets its evidence 20 ms later.
     */
    static final int DECISION_LINGER_MS = 20;
    private final EventCodec codec = new EventCodec();
    /** Collector records for a customer follow that customer's decision still in the decision producer. */
    private final SendOrder<RecordMetadata> order = new SendOrder<>();

    public EventPublisher(String bootstrapServers) {
        // Callers wait for events to be acknowledged: they are sent at once.
        this.producer = new KafkaProducer<>(settings(bootstrapServers, "offer-service-collector", 1),
                new StringSerializer(), new ByteArraySerializer());
        this.decisionProducer = new KafkaProducer<>(settings(bootstrapServers, "offer-service-decisions",
                DECISION_LINGER_MS), new StringSerializer(), new ByteArraySerializer());
    }

    private static Properties settings(String bootstrapServers, String clientId, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        // Decisions fill a 16 KiB batch in a few milliseconds at the maximum rate; a full batch ends the linger
        // early and wakes the I/O thread from the event loop. 256 KiB lets the linger decide.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // send() runs on an HTTP event loop: when metadata cannot be fetched (broker down) it may block only
        // briefly, then the request fails fast with a 503 instead of stalling every connection on that loop.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 100);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** Fetches topic metadata now so the first request does not wait for it. */
    public void warmUp() {
        long deadline = System.currentTimeMillis() + 60_000;
        for (var topic : Topics.all()) {
            while (true) {
                try {
                    producer.partitionsFor(topic.name());
                    decisionProducer.partitionsFor(topic.name());
                    break;
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // Each try may wait only max.block.ms; a broker that is still starting gets more tries.
                    if (System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                }
            }
        }
    }

    /** How many partitions {@code topic} has (from metadata already fetched by {@link #warmUp}). */
    public int partitionCount(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /**
     * An event the HTTP collector took in, stamped with that moment (the freshness metric counts from it), and marked
     * when it came with a key that is public on a shop's pages ({@code publicKey}): the topology lets such a login
     * stitch only an anonymous visitor.
     */
    public CompletableFuture<RecordMetadata> publishAccepted(CustomerEvent event, boolean publicKey) {
        String topic = Topics.forType(event.eventType()).name();
        List<Header> headers = new ArrayList<>();
        headers.add(EventArrival.stamp(System.currentTimeMillis()));
        if (publicKey) {
            headers.add(new RecordHeader(IdentityRecords.PUBLIC_KEY_HEADER, new byte[0]));
        }
        return sendAfterDecisions(new ProducerRecord<>(topic, null, event.subjectId(), codec.encode(event), headers));
    }

    /** An event written as any producer outside the service would (the demo's shoppers): timed from the record. */
    public CompletableFuture<RecordMetadata> publish(CustomerEvent event) {
        String topic = Topics.forType(event.eventType()).name();
        return sendAfterDecisions(new ProducerRecord<>(topic, event.subjectId(), codec.encode(event)));
    }

    /** Writes (or with a null value, removes) an entry of a compacted catalogue topic such as offers or campaigns. */
    public <V> CompletableFuture<RecordMetadata> publishEntry(Topic<String, V> topic, String key, V value) {
        byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
        return send(new ProducerRecord<>(topic.name(), key, bytes));
    }

    /** Asks the topology to forget a customer or anonymous id (profile, contact history, event ids, aliases). */
    public CompletableFuture<RecordMetadata> requestErasure(String subjectId, long requestedAt) {
        return sendAfterDecisions(new ProducerRecord<>(Topics.ERASURES.name(), subjectId,
                io.nbo.topology.erasure.ErasureProcessor.request(requestedAt)));
    }

    /** Appends a decision to the decision log, keyed by customer like the events it is joined with. */
    public CompletableFuture<RecordMetadata> publishDecision(DecisionRecord decision) {
        String customerId = decision.customerId();
        CompletableFuture<RecordMetadata> sent = send(decisionProducer, new ProducerRecord<>(Topics.DECISIONS.name(),
                customerId, StateSerdes.DECISION.toBytes(decision)));
        order.mustFollow(customerId, sent);
        return sent;
    }

    /**
     * Sends {@code record} once the last decision for its key, if one is still lingering in the decision
     * producer, is written: a response, purchase or erasure that overtook the decision it follows would reach
     * the contact tracker first, and be dropped as a response to an unknown decision, miss its attribution,
     * or be undone by the decision arriving after the erasure. (One producer kept that order for free; a
     * decision is written after every one before it for the same key, so the last is enough to wait for.)
     */
    private CompletableFuture<RecordMetadata> sendAfterDecisions(ProducerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return send(producer, record);
        }
        return order.send(record.key(), () -> send(producer, record));
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return send(producer, record);
    }

    private static CompletableFuture<RecordMetadata> send(KafkaProducer<String, byte[]> producer,
                                                          ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Bounded: with the brokers gone, a plain close would wait for ever to send what is still buffered. */
    @Override
    public void close() {
        decisionProducer.close(CLOSE_TIMEOUT);
        producer.close(CLOSE_TIMEOUT);
    }
}
