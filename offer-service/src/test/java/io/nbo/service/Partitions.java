package io.nbo.service;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;

/** Which of the test services' partitions an id's state lives on, to put two ids on the same one or apart. */
final class Partitions {
    /** TOPIC_PARTITIONS of {@link TestServices#config}. */
    static final int COUNT = 3;

    private Partitions() {
    }

    static int of(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % COUNT;
    }

    /** A cookie id whose state lives on another partition than the customer's, so merging crosses partitions. */
    static String visitorOnAnotherPartitionThan(String customer) {
        return IntStream.range(0, 100).mapToObj(i -> "cookie-" + customer + "-" + i)
                .filter(id -> of(id) != of(customer)).findFirst().orElseThrow();
    }

    static String visitorOnThePartitionOf(String customer) {
        return IntStream.range(0, 100).mapToObj(i -> "cookie-" + customer + "-" + i)
                .filter(id -> of(id) == of(customer)).findFirst().orElseThrow();
    }
}
