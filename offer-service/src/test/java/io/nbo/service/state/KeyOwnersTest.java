package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyOwnersTest {
    private static final int PARTITIONS = 6;
    private final List<String> asked = new ArrayList<>();
    private HostInfo owner = new HostInfo("a", 1);
    private final KafkaStreams streams = new MetadataOnlyStreams("key-owners-test", key -> {
        asked.add(key);
        return new KeyQueryMetadata(owner, Set.of(), StateReader.partitionOf(key, PARTITIONS));
    });
    private final KeyOwners owners = new KeyOwners(streams, "store", PARTITIONS);

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void shouldAskStreamsOncePerPartitionUntilItChangesState() {
        String first = keyOn(2, 0);
        String second = keyOn(2, 1);

        assertThat(owners.of(first).activeHost()).isEqualTo(new HostInfo("a", 1));
        assertThat(owners.of(second).partition()).isEqualTo(2);
        assertThat(asked).as("two keys of one partition").containsExactly(first);

        owner = new HostInfo("b", 2);
        owners.onStateChange();
        assertThat(owners.of(second).activeHost()).as("after a rebalance").isEqualTo(new HostInfo("b", 2));
        assertThat(asked).containsExactly(first, second);
    }

    private static String keyOn(int partition, int skip) {
        int found = 0;
        for (int i = 0; ; i++) {
            String key = "c-" + i;
            if (StateReader.partitionOf(key, PARTITIONS) == partition && found++ == skip) {
                return key;
            }
        }
    }
}
