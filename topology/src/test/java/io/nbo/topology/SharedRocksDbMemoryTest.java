package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.rocksdb.Cache;
import org.rocksdb.Options;

class SharedRocksDbMemoryTest {
    @Test
    void shouldGiveEveryStoreTheSameCacheForTheSameBudget() {
        Map<String, Object> configs = Map.of(SharedRocksDbMemory.BUDGET_CONFIG, 32L << 20);

        Cache first = configured("profiles", configs);
        Cache second = configured("contact-history", Map.of(SharedRocksDbMemory.BUDGET_CONFIG, "33554432"));
        Cache other = configured("profiles", Map.of(SharedRocksDbMemory.BUDGET_CONFIG, 48L << 20));

        assertThat(second).as("one cache per process and budget, however the budget is written").isSameAs(first);
        assertThat(other).isNotSameAs(first);
    }

    @Test
    void shouldRefuseToGuessAMissingBudget() {
        assertThatThrownBy(() -> configured("profiles", Map.of())).hasMessageContaining(SharedRocksDbMemory.BUDGET_CONFIG);
    }

    /** Configures a store's options as Kafka Streams hands them over, and returns the block cache it ends with. */
    private static Cache configured(String store, Map<String, Object> configs) {
        try (Options options = new Options()) {
            BlockBasedTableConfigWithAccessibleCache table = new BlockBasedTableConfigWithAccessibleCache();
            options.setTableFormatConfig(table);
            new SharedRocksDbMemory().setConfig(store, options, configs);
            assertThat(table.cacheIndexAndFilterBlocks()).as("index and filters count against the budget").isTrue();
            assertThat(options.writeBufferSize()).as("idle stores' memtables stay small").isEqualTo(8L << 20);
            return table.blockCache();
        }
    }
}
