package io.nbo.load.fault;

import io.nbo.schemas.events.EventCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the known stream straight to the input topics with a plain idempotent producer, on a thread of its
 * own: at a steady rate while faults are being injected, then whatever is left at once. A send that fails is
 * sent again unchanged, with the same event id, which the service must count once, as it would a client retry.
 */
final class StreamProducer implements AutoCloseable {
    private static final Duration RESEND_DEADLINE = Duration.ofMinutes(2);

    private final KafkaProducer<String, byte[]> producer;
    private final List<PlannedEvent> plan;
    private final double eventsPerSecond;
    private final EventCodec codec = new EventCodec();
    private final ConcurrentLinkedQueue<ProducerRecord<String, byte[]>> failed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger records = new AtomicInteger();
    private final AtomicInteger resends = new AtomicInteger();
    private final Thread thread;
    private volatile boolean hurry;
    private volatile int burstUntil;
    private volatile int planned;
    private volatile Throwable error;

    StreamProducer(String bootstrapServers, List<PlannedEvent> plan, double eventsPerSecond) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // Long enough to wait out a broker restart instead of failing the records in flight.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000),
                new StringSerializer(), new ByteArraySerializer());
        this.plan = plan;
        this.eventsPerSecond = eventsPerSecond;
        this.thread = new Thread(this::run, "known-stream-producer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The faults are over: send the rest without pacing. */
    void hurry() {
        hurry = true;
    }

    /**
     * Sends the next {@code events} at once, on top of the steady rate: a fault that follows finds
     * transactions open with records in them, not an idle instance.
     */
    void burst(int events) {
        burstUntil = planned + events;
    }

    /** How many planned events have been handed to the producer so far. */
    int planned() {
        return planned;
    }

    int records() {
        return records.get();
    }

    int resends() {
        return resends.get();
    }

    /** Waits until every record is acknowledged by the broker; rethrows what stopped the producer thread. */
    void awaitAcknowledged(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException("the known stream was not acknowledged within " + timeout + " ("
                    + planned + " of " + plan.size() + " events sent, " + failed.size() + " waiting to be resent)");
        }
        if (error != null) {
            throw new IllegalStateException("the known stream could not be sent", error);
        }
    }

    private void run() {
        try {
            long start = System.nanoTime();
            // Events sent in a burst come on top of the steady rate: the schedule only counts the others.
            int paced = 0;
            for (int i = 0; i < plan.size(); i++) {
                long due = start + (long) (paced * 1_000_000_000L / eventsPerSecond);
                while (!hurry && i >= burstUntil && System.nanoTime() < due) {
                    TimeUnit.MILLISECONDS.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
                }
                if (i >= burstUntil) {
                    paced++;
                }
                PlannedEvent event = plan.get(i);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.customerId(),
                        codec.encode(event.at().apply(System.currentTimeMillis())));
                send(record);
                if (event.sentTwice()) {
                    send(record);
                }
                planned = i + 1;
            }
            resendFailures();
        } catch (Throwable e) {
            error = e;
        }
    }

    private void send(ProducerRecord<String, byte[]> record) {
        records.incrementAndGet();
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failed.add(record);
            }
        });
    }

    private void resendFailures() throws InterruptedException {
        long deadline = System.nanoTime() + RESEND_DEADLINE.toNanos();
        producer.flush();
        while (!failed.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failed.size() + " records still failed after " + RESEND_DEADLINE);
            }
            TimeUnit.MILLISECONDS.sleep(500);
            for (ProducerRecord<String, byte[]> record = failed.poll(); record != null; record = failed.poll()) {
                resends.incrementAndGet();
                send(record);
            }
            producer.flush();
        }
    }

    @Override
    public void close() {
        hurry = true;
        producer.close(Duration.ofSeconds(5));
    }
}
