package io.nbo.service.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Read-your-writes across a Kafka hop: an event sent under an anonymous id that was stitched to a customer is
 * applied on the customer's partition only after the topology re-routed it through {@code rerouted-events}, at
 * an offset nobody told the caller. Under exactly-once the re-routed copy is committed together with the
 * consumed offset of the original, so: wait until the topology's group has committed past the caller's
 * offsets, note the end of the customer's {@code rerouted-events} partition, and wait until the group has
 * committed that far there too (it processed the copy before committing past it).
 */
public final class CommittedOffsets implements AutoCloseable {
    static final long POLL_MS = 20;
    private final Admin admin;
    private final String groupId;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "committed-offsets");
        thread.setDaemon(true);
        return thread;
    });

    public CommittedOffsets(String bootstrapServers, String groupId) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000));
        this.groupId = groupId;
    }

    /** Completes with true once the copies of {@code sent} re-routed to {@code rerouted} were processed, false at the deadline. */
    public CompletionStage<Boolean> awaitRerouted(Map<TopicPartition, Long> sent, TopicPartition rerouted,
                                                  long deadlineMillis) {
        return pollUntil(() -> committed().thenApply(offsets -> sent.entrySet().stream()
                .allMatch(e -> offsets.containsKey(e.getKey()) && offsets.get(e.getKey()) > e.getValue())), deadlineMillis)
                .thenCompose(sentCommitted -> !sentCommitted ? CompletableFuture.completedFuture(false)
                        : writtenEnd(rerouted).thenCompose(end -> pollUntil(() -> committed().thenApply(
                                offsets -> end == 0 || offsets.getOrDefault(rerouted, -1L) >= end), deadlineMillis)));
    }

    private CompletionStage<Map<TopicPartition, Long>> committed() {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().toCompletionStage()
                .thenApply(offsets -> {
                    Map<TopicPartition, Long> next = new java.util.HashMap<>();
                    offsets.forEach((partition, offset) -> {
                        if (offset != null) {
                            next.put(partition, offset.offset());
                        }
                    });
                    return next;
                });
    }

    /**
     * The end of the partition including records of transactions still open: a transaction is committed (and its
     * consumed offsets visible) before its markers reach every partition it wrote, so up to the last stable offset
     * could stop short of the very copy being waited for.
     */
    private CompletionStage<Long> writtenEnd(TopicPartition partition) {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                        new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).partitionResult(partition)
                .toCompletionStage().thenApply(info -> info.offset());
    }

    private CompletionStage<Boolean> pollUntil(java.util.function.Supplier<CompletionStage<Boolean>> check,
                                               long deadlineMillis) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        poll(check, deadlineMillis, done);
        return done;
    }

    private void poll(java.util.function.Supplier<CompletionStage<Boolean>> check, long deadlineMillis,
                      CompletableFuture<Boolean> done) {
        check.get().whenComplete((reached, error) -> {
            if (error == null && reached) {
                done.complete(true);
            } else if (System.currentTimeMillis() + POLL_MS >= deadlineMillis) {
                done.complete(false);
            } else {
                timer.schedule(() -> poll(check, deadlineMillis, done), POLL_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(EventPublisher.CLOSE_TIMEOUT);
    }
}
