package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class StateReaderTest {
    @Test
    void shouldPlaceKeysWhereTheProducersDefaultPartitionerDoes() {
        for (int partitions : new int[]{1, 6, 7, 32}) {
            for (int i = 0; i < 2_000; i++) {
                String key = (i % 3 == 0 ? "anon-" : "c-") + i + (i % 7 == 0 ? "-é" : "");
                assertThat(StateReader.partitionOf(key, partitions)).as("%s of %d", key, partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(Serdes.String().serializer().serialize("t", key),
                                partitions));
            }
        }
    }
}
