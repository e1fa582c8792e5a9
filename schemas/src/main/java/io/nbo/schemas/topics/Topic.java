package io.nbo.schemas.topics;

import org.apache.kafka.common.serialization.Serde;

/** A topic's name with the serdes its keys and values are written with. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
}
