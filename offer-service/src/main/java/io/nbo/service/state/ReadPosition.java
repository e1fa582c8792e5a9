package io.nbo.service.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.query.Position;

/**
 * Positions in the input topics, written as {@code topic:partition:offset} items joined by commas: the token
 * the collector returns ({@code readAfter}) and the offer route accepts ({@code after}) for read-your-writes.
 */
public final class ReadPosition {
    private ReadPosition() {
    }

    /** The position, or null when the text is not a list of topic:partition:offset items. */
    public static Position parse(String text) {
        Position position = Position.emptyPosition();
        if (text == null || text.isBlank() || text.length() > 4096) {
            return null;
        }
        for (String item : text.split(",")) {
            String[] parts = item.trim().split(":");
            // Digits only: the number parsers would also take a sign, or digits of other scripts.
            if (parts.length != 3 || parts[0].isBlank() || !asciiDigits(parts[1]) || !asciiDigits(parts[2])) {
                return null;
            }
            try {
                int partition = Integer.parseInt(parts[1]);
                long offset = Long.parseLong(parts[2]);
                if (partition < 0 || offset < 0) {
                    return null;
                }
                position = position.withComponent(parts[0], partition, offset);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return position;
    }

    /** 1 to 18 ASCII digits: a whole number that fits a long. */
    public static boolean asciiDigits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code position} cannot be a token this service handed out, or empty when it can be: every item
     * must name one of {@code topics} and a partition below {@code partitions}. (A well-formed token of
     * another cluster, or a typo, would otherwise wait out the whole read-your-writes bound for nothing.)
     */
    public static Optional<String> foreignness(Position position, Set<String> topics, int partitions) {
        for (String topic : new java.util.TreeSet<>(position.getTopics())) {
            if (!topics.contains(topic)) {
                return Optional.of("after names topic '" + topic + "', which events are not written to; readAfter"
                        + " tokens name " + String.join(", ", new java.util.TreeSet<>(topics)));
            }
            for (int partition : position.getPartitionPositions(topic).keySet()) {
                if (partition >= partitions) {
                    return Optional.of("after names partition " + partition + " of " + topic + ", which has "
                            + partitions + " partitions (0 to " + (partitions - 1) + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** Only the parts of {@code position} on {@code partition}: a customer's events share a partition number. */
    public static Position onPartition(Position position, int partition) {
        Position only = Position.emptyPosition();
        for (String topic : position.getTopics()) {
            Long offset = position.getPartitionPositions(topic).get(partition);
            if (offset != null) {
                only = only.withComponent(topic, partition, offset);
            }
        }
        return only;
    }

    /** The position as the offset per topic partition. */
    public static Map<TopicPartition, Long> offsets(Position position) {
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        for (String topic : position.getTopics()) {
            position.getPartitionPositions(topic).forEach((partition, offset) ->
                    offsets.put(new TopicPartition(topic, partition), offset));
        }
        return offsets;
    }

    public static String format(Position position) {
        List<String> items = new ArrayList<>();
        for (String topic : new java.util.TreeSet<>(position.getTopics())) {
            Map<Integer, Long> partitions = new TreeMap<>(position.getPartitionPositions(topic));
            partitions.forEach((partition, offset) -> items.add(topic + ":" + partition + ":" + offset));
        }
        return String.join(",", items);
    }
}
