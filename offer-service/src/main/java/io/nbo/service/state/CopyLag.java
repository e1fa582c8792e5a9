package io.nbo.service.state;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind its changelog each local store copy is (active, restoring or standby), in records. Asking
 * Kafka Streams costs a call to the broker, so a background thread refreshes the figures twice a second and
 * requests read the last ones.
 */
public final class CopyLag implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CopyLag.class);
    static final long REFRESH_MILLIS = 500;

    private final KafkaStreams streams;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "store-copy-lag");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Map<Integer, Long>> lags = Map.of();

    /** Copies being restored right now, by "store|partition": known at once, not at the next refresh. */
    private final Map<String, Long> restoring = new java.util.concurrent.ConcurrentHashMap<>();

    public CopyLag(KafkaStreams streams) {
        this.streams = streams;
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            Map<String, Map<Integer, Long>> fresh = new HashMap<>();
            streams.allLocalStorePartitionLags().forEach((store, partitions) -> {
                Map<Integer, Long> byPartition = new HashMap<>();
                partitions.forEach((partition, info) -> byPartition.put(partition, lagOf(info)));
                fresh.put(store, Map.copyOf(byPartition));
            });
            lags = Map.copyOf(fresh);
        } catch (RuntimeException e) {
            // Not running yet, or rebalancing: keep the last figures and try again shortly.
            LOG.debug("Store lags not available now: {}", e.getMessage());
        }
    }

    private static long lagOf(LagInfo info) {
        return Math.max(0, info.offsetLag());
    }

    /** Records the local copy of {@code store}'s {@code partition} is behind; -1 when there is no local copy. */
    public long of(String store, int partition) {
        Long restoringLeft = restoring.get(store + "|" + partition);
        if (restoringLeft != null) {
            return Math.max(1, restoringLeft);
        }
        Long lag = lags.getOrDefault(store, Map.of()).get(partition);
        return lag == null ? -1 : lag;
    }

    /**
     * Partitions of the stores held here of which this instance holds no copy, active or standby: 0 once a
     * standby copy of every partition is here (with {@code NUM_STANDBY_REPLICAS} of 1 or more and two or
     * more instances, the assignment gives each instance that after a rebalance settles). A low lag says
     * nothing about a copy that does not exist yet, so a failover drill waits for this too.
     */
    public long copiesMissing(int partitions) {
        return lags.values().stream().mapToLong(held -> Math.max(0, partitions - held.size())).sum();
    }

    /** Whether the local copy of {@code store}'s {@code partition} is being restored right now. */
    public boolean restoring(String store, int partition) {
        return restoring.containsKey(store + "|" + partition);
    }

    /** Tells this tracker when a local copy starts and finishes restoring; register it before Streams starts. */
    public StateRestoreListener restoreListener() {
        return new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
                restoring.put(store + "|" + partition.partition(), endingOffset - startingOffset);
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
                restoring.computeIfPresent(store + "|" + partition.partition(), (key, left) -> left - restored);
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                restoring.remove(store + "|" + partition.partition());
            }

            @Override
            public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
                restoring.remove(store + "|" + partition.partition());
            }
        };
    }

    /** The largest lag of any local copy, for readiness reports; 0 when there are none. */
    public long largest() {
        long refreshed = lags.values().stream().flatMap(p -> p.values().stream()).mapToLong(Long::longValue).max()
                .orElse(0);
        return Math.max(refreshed, restoring.values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
