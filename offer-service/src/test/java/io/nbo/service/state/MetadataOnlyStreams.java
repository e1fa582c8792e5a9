package io.nbo.service.state;

import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * A Kafka Streams instance that is never started and answers key metadata from a function: who owns a
 * customer's partition, as a test wants it, without a broker or a rebalance.
 */
public final class MetadataOnlyStreams extends KafkaStreams {
    private final Function<String, KeyQueryMetadata> answer;

    public MetadataOnlyStreams(String name, Function<String, KeyQueryMetadata> answer) {
        super(topology(), settings(name));
        this.answer = answer;
    }

    @Override
    public <K> KeyQueryMetadata queryMetadataForKey(String store, K key, Serializer<K> serializer) {
        return answer.apply((String) key);
    }

    private static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("source", "input");
        return topology;
    }

    private static Properties settings(String name) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/" + name);
        return props;
    }
}
