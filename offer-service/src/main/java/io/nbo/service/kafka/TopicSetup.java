package io.nbo.service.kafka;

import io.nbo.schemas.topics.Topic;
import io.nbo.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the service's topics when they are missing; existing topics are left as they are. Instances that
 * start at the same moment may both find a topic missing: whichever creates it second finds it made.
 */
public final class TopicSetup {
    static final long DECISION_LOG_RETENTION_MS = java.time.Duration.ofDays(365).toMillis();

    private TopicSetup() {
    }

    public static List<String> ensureTopics(Admin admin, int partitions, int replication)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.all()) {
            if (!existing.contains(topic.name())) {
                NewTopic newTopic = new NewTopic(topic.name(), topic.compacted() ? 1 : partitions, (short) replication);
                if (topic.compacted()) {
                    newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                } else if (topic == Topics.DECISION_LOG) {
                    // The evaluation record outlives the identifying topics (broker default, 7 days), whose
                    // decision ids are the only other way back to a person.
                    newTopic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(DECISION_LOG_RETENTION_MS)));
                }
                missing.add(newTopic);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        List<String> created = new ArrayList<>();
        for (NewTopic topic : missing) {
            try {
                results.get(topic.name()).get(30, TimeUnit.SECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }
}
