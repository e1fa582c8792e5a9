package io.nbo.service.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waiting for Kafka Streams to run, and telling the log each change of its state. */
public final class StreamsLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsLifecycle.class);

    private StreamsLifecycle() {
    }

    public static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("Kafka Streams stopped while starting: " + streams.state());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka Streams not RUNNING after " + timeout.toSeconds()
                        + " s (START_TIMEOUT_MS; state " + streams.state() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /**
     * Once running, also the tasks this instance holds: what an operator looks for after a peer left or came back
     * (which customers this instance answers for now, and from which copies).
     */
    public static void changed(KafkaStreams streams, KafkaStreams.State now, KafkaStreams.State before) {
        if (now != KafkaStreams.State.RUNNING) {
            LOG.info("Kafka Streams {} after {}", now, before);
            return;
        }
        SortedSet<String> active = new TreeSet<>();
        SortedSet<String> standby = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> {
            thread.activeTasks().forEach(task -> active.add(task.taskId().toString()));
            thread.standbyTasks().forEach(task -> standby.add(task.taskId().toString()));
        });
        LOG.info("Kafka Streams {} after {}: active tasks {}, standby tasks {}", now, before, active, standby);
    }
}
