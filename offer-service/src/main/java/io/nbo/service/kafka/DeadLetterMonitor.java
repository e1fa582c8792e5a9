package io.nbo.service.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nbo.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code nbo.dead.letters}: how many records the dead-letter topic holds in total, read from its
 * end offsets every few seconds. Counting the topic (not a local counter) covers every instance. The gauge appears
 * with the first count read: a 0 published before it would read, after every restart, as that many new letters.
 */
public final class DeadLetterMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMonitor.class);
    private final Admin admin;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dead-letter-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private final MeterRegistry registry;
    private final AtomicLong total = new AtomicLong();
    private boolean published;

    public DeadLetterMonitor(String bootstrapServers, MeterRegistry registry) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.registry = registry;
        scheduler.scheduleWithFixedDelay(this::refresh, 0, 5, TimeUnit.SECONDS);
    }

    private void refresh() {
        try {
            var partitions = admin.describeTopics(List.of(Topics.DEAD_LETTER.name())).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(Topics.DEAD_LETTER.name()).partitions();
            Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(
                    p -> new TopicPartition(Topics.DEAD_LETTER.name(), p.partition()), p -> OffsetSpec.latest()));
            long sum = admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
            total.set(sum);
            if (!published) {
                Gauge.builder("nbo.dead.letters", total, AtomicLong::get)
                        .description("Records on the dead-letter topic").register(registry);
                published = true;
            }
        } catch (Exception e) {
            LOG.debug("Could not read dead-letter offsets: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        // Bounded: with the brokers gone, a plain close waits for ever on the calls still pending.
        admin.close(EventPublisher.CLOSE_TIMEOUT);
    }
}
