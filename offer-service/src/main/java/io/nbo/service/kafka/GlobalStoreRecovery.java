package io.nbo.service.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a stop that was not clean (killed, out of memory, power lost), Kafka Streams under exactly-once wipes and
 * restores its task stores, but refuses its global stores (catalogue, campaigns, models, campaign totals) at every
 * start ("didn't find a valid state") instead of rebuilding them, so the instance could never start again without
 * a hand in its state directory. The global stores are small copies of compacted topics: after such a stop they
 * are deleted here and rebuilt from those topics. A clean stop leaves a mark that says no rebuild is needed.
 */
public final class GlobalStoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalStoreRecovery.class);
    static final String CLEAN_STOP_MARK = "clean-stop";

    private final Path mark;
    private final Path globalStores;

    /**
     * @param stateDir      the service's {@code STATE_DIR}
     * @param streamsDir    Kafka Streams' {@code state.dir} inside it
     * @param applicationId Kafka Streams' application id, the folder of its stores
     */
    public GlobalStoreRecovery(Path stateDir, Path streamsDir, String applicationId) {
        this.mark = stateDir.resolve(CLEAN_STOP_MARK);
        this.globalStores = streamsDir.resolve(applicationId).resolve("global");
    }

    /** Before Kafka Streams starts: deletes the global stores unless the last stop was clean, and clears the mark. */
    public void beforeStart() {
        try {
            if (Files.isDirectory(globalStores) && !Files.exists(mark)) {
                LOG.warn("The last stop was not clean: the global stores (offer catalogue, campaigns, models, campaign"
                        + " totals) in {} are rebuilt from their topics", globalStores);
                try (Stream<Path> files = Files.walk(globalStores)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.deleteIfExists(mark);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the global stores in " + globalStores, e);
        }
    }

    /**
     * Closes Kafka Streams for a deliberate stop, leaving the group so the partitions move now, not after the
     * session timeout; a clean close marks the stop clean.
     */
    public void close(KafkaStreams streams) {
        boolean closed = streams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
        if (closed && streams.state() == KafkaStreams.State.NOT_RUNNING) {
            cleanlyStopped();
        }
    }

    /** After Kafka Streams closed cleanly: the next start may keep the global stores. */
    void cleanlyStopped() {
        try {
            Files.writeString(mark, "Kafka Streams closed cleanly; the global stores are valid\n");
        } catch (IOException e) {
            LOG.warn("Could not mark the stop as clean ({}): the next start rebuilds the global stores", e.toString());
        }
    }
}
