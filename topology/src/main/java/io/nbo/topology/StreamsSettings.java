package io.nbo.topology;

import io.nbo.topology.deadletter.ProcessingFailures;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings the service runs the topology with. */
public final class StreamsSettings {
    private StreamsSettings() {
    }

    /**
     * @param applicationServer host:port other instances reach this one's HTTP API on (for later forwarding)
     * @param replication replication factor for changelog and repartition topics (1 on a single broker)
     * @param commitIntervalMs how often exactly-once commits: what crosses a Kafka hop inside the topology
     *                         (learning, campaign totals, stitching) waits for it, and every commit waits for
     *                         the broker to acknowledge all that was written since the last one
     * @param rocksDbMemoryBytes what all RocksDB stores of the process may use together, caches and memtables
     * @param maxCopyLag records a copy may be behind and still answer (the service's staleness bound)
     */
    /** The longest an erased customer's old values may stay in a compacted topic. */
    public static final long ERASED_WITHIN_MS = 24 * 3_600_000L;

    public static Properties properties(String applicationId, String bootstrapServers, String stateDir,
                                        String applicationServer, int replication, int streamThreads,
                                        int standbyReplicas, long commitIntervalMs, long rocksDbMemoryBytes,
                                        long maxCopyLag) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        // Standbys keep warm copies of other instances' stores, so their customers are served from a copy
        // while an instance is lost or restarting.
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        // Each task reads several co-partitioned topics; ordering across them is decided by event time in the
        // processors, so a task never waits for an empty partition to catch up (that wait delays freshness
        // and, in Kafka Streams 4.4, formats a log message on every check).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Under exactly-once nothing downstream sees a record before its transaction commits (every 100 ms by default), so
        // waiting up to 50 ms to fill a batch costs no freshness; it halved the stream producer's requests,
        // and the broker's work per decision with them (measured on two cores).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 50);
        // A partition's batch may grow to 256 KiB (default 16 KiB): at a few thousand decisions/s, contact histories
        // and decision-log copies filled 16 KiB every few milliseconds, well before the linger, and every full
        // batch woke the producer's I/O thread and cost the broker one more append (measured: docs/benchmarks.md).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        // A dead instance's partitions move after 10 s instead of the default 45 s.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_500);
        // An instance that joins first warms copies of its share and takes it over at the next probing
        // rebalance: once a minute (the least Kafka allows) instead of every 10, so scaling out helps soon.
        props.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000L);
        // A copy further behind than the staleness bound cannot answer until restored: an instance coming back with
        // such copies warms them first, and the one covering for it keeps their customers until a probing
        // rebalance finds them caught up (Kafka's default lets a copy 10,000 records behind take over at once).
        props.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, maxCopyLag);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, SharedRocksDbMemory.class);
        props.put(SharedRocksDbMemory.BUDGET_CONFIG, rocksDbMemoryBytes);
        // An erased customer's profile, history and pseudonym are tombstoned in the store changelogs, but the values
        // before the tombstone stay readable until compaction reaches them, and Kafka never compacts a segment that
        // is still being written to: a segment is closed and compacted at most a day after its first record.
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG), ERASED_WITHIN_MS);
        props.put("processing.exception.handler.global.enabled", true);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingFailures.class);
        // Fetches keep Kafka's 500 ms wait: a transaction's commit wakes a waiting read-committed fetch at once
        // (measured: commit to record 6-11 ms at the median with 20 ms and with 500 ms waits), so shorter waits
        // bought learning no speed and kept the broker answering empty fetches.
        return props;
    }
}
