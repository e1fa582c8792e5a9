package io.nbo.load.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reads the decision log and the offer responses from Kafka and estimates, with inverse propensity scoring,
 * how alternative policies would have done on the same customers.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Off-policy evaluation of alternative policies from the decision log.")
public final class Replay implements Callable<Integer> {
    @Option(names = "--bootstrap", defaultValue = "localhost:9092", description = "Kafka bootstrap servers.")
    private String bootstrap;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Replay()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<LoggedDecision> log = new ArrayList<>();
        Map<String, OffPolicyEstimate.Reward> rewards = new HashMap<>();
        Map<String, Double> offerValues = new HashMap<>();
        readAll(Topics.DECISION_LOG.name(), record -> {
            LoggedDecision decision = Json.mapper().readValue(record.value(), LoggedDecision.class);
            log.add(decision);
            decision.candidates().forEach(c -> offerValues.put(c.offerId(), c.value()));
        });
        readAll(Topics.OFFER_RESPONSES.name(), record -> {
            JsonNode response = Json.mapper().readTree(record.value());
            String outcome = response.path("outcome").asText();
            if (outcome.equals("accept") || outcome.equals("convert")) {
                String offerId = response.path("offerId").asText();
                double value = response.hasNonNull("value") ? response.get("value").asDouble()
                        : offerValues.getOrDefault(offerId, 0.0);
                rewards.merge(OffPolicyEstimate.key(response.path("decisionId").asText(), offerId),
                        new OffPolicyEstimate.Reward(1, value),
                        (a, b) -> new OffPolicyEstimate.Reward(1, Math.max(a.revenue(), b.revenue())));
            }
        });
        System.out.printf(Locale.ROOT, "%nDecision log: %d decisions, %d rewarded%n%n", log.size(), rewards.size());
        System.out.printf(Locale.ROOT, "%-8s %9s %12s %12s %12s %12s %10s%n", "policy", "decisions", "accept IPS",
                "accept SNIPS", "revenue IPS", "rev. SNIPS", "eff. n");
        print(OffPolicyEstimate.logged(log, rewards));
        for (TargetPolicy target : TargetPolicy.values()) {
            print(OffPolicyEstimate.of(target, log, rewards));
        }
        return 0;
    }

    private static void print(OffPolicyEstimate.Estimate e) {
        System.out.printf(Locale.ROOT, "%-8s %9d %12.4f %12.4f %12.3f %12.3f %10.1f%n", e.policy(), e.decisions(),
                e.ipsAcceptRate(), e.snipsAcceptRate(), e.ipsRevenue(), e.snipsRevenue(), e.effectiveSampleSize());
    }

    interface RecordHandler {
        void handle(ConsumerRecord<String, byte[]> record) throws IOException;
    }

    /** Reads a topic from the beginning up to its end offsets at the time of the call. */
    private void readAll(String topic, RecordHandler handler) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 120_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        handler.handle(record);
                    }
                }
            }
        }
    }
}
