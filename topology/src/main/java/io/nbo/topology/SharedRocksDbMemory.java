package io.nbo.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Puts every RocksDB store of the process under one memory budget: one block cache, which the memtables, indexes
 * and filters are charged to as well. The budget is a target RocksDB keeps to by evicting, not a hard cap: blocks
 * in use may take it briefly beyond. Kafka Streams otherwise gives each store (every partition of every store, every
 * segment of a window store, standby copies too) a 50 MiB cache and up to 48 MiB of memtables of its own,
 * outside the JVM heap, so the process outgrows any container limit as partitions are added.
 */
public final class SharedRocksDbMemory implements RocksDBConfigSetter {
    /** The budget in bytes, read from the Streams configuration. */
    public static final String BUDGET_CONFIG = "nbo.rocksdb.memory.bytes";

    /** Index and filter blocks are kept ahead of data blocks: losing them makes every read two. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    /**
     * Memtables may take this share of the budget; beyond seven eighths of it, RocksDB flushes the store being
     * written. Every open store holds at least one arena block (an eighth of its write buffer) even when idle,
     * about 45 of them on an instance with six partitions: a smaller share would flush tiny memtables constantly.
     */
    private static final double MEMTABLE_SHARE = 0.5;
    /** Half of Kafka Streams' 16 MiB, so idle stores hold 1 MiB arena blocks, not 2 MiB. */
    private static final long WRITE_BUFFER_BYTES = 8L << 20;

    private static final Map<Long, Budget> BUDGETS = new ConcurrentHashMap<>();

    /** Shared for the life of the process: stores open and close, the budget stays. */
    private record Budget(Cache cache, WriteBufferManager writeBuffers) {
        static Budget of(long bytes) {
            Cache cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
            return new Budget(cache, new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache));
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget budget = BUDGETS.computeIfAbsent(budgetBytes(configs), Budget::of);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(budget.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        // The newest files' indexes and filters are read by nearly every lookup: kept in the cache while in use.
        table.setPinL0FilterAndIndexBlocksInCache(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(budget.writeBuffers());
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
    }

    static long budgetBytes(Map<String, Object> configs) {
        Object value = configs.get(BUDGET_CONFIG);
        if (value == null) {
            throw new IllegalStateException(BUDGET_CONFIG + " is not set");
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are the other stores' as well: never closed here.
    }
}
