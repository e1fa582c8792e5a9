package io.nbo.load.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.topics.Topics;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The decisions the service logged, as the {@code decisions} topic holds them: the truth about which offers
 * were shown, whatever happened to the HTTP answers. Per customer, the ids of decisions that showed each offer.
 */
record LoggedDecisions(Map<String, Map<String, Set<String>>> byCustomer) {

    static LoggedDecisions read(String bootstrapServers, Collection<String> customers) {
        Map<String, Map<String, Set<String>>> byCustomer = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : CommittedLog.read(bootstrapServers, Topics.DECISIONS.name())) {
            if (!customers.contains(record.key())) {
                continue;
            }
            JsonNode decision = CommittedLog.json(record.value());
            for (JsonNode shown : decision.path("shown")) {
                byCustomer.computeIfAbsent(record.key(), k -> new TreeMap<>())
                        .computeIfAbsent(shown.asText(), k -> new LinkedHashSet<>())
                        .add(decision.path("decisionId").asText());
            }
        }
        return new LoggedDecisions(byCustomer);
    }

    /** Ids of the logged decisions that showed {@code offerId} to {@code customerId}. */
    Set<String> showing(String customerId, String offerId) {
        return byCustomer.getOrDefault(customerId, Map.of()).getOrDefault(offerId, Set.of());
    }

    /** Treatment totals of a campaign whose offer was only shown, never answered or bought. */
    CampaignTotals shownOnly(Collection<String> customers, String offerId) {
        CampaignTotals totals = CampaignTotals.NONE;
        for (String customerId : customers) {
            int shown = showing(customerId, offerId).size();
            totals = totals.plus(new CampaignTotals(shown > 0 ? 1 : 0, shown, 0, 0, 0, 0, 0, 0));
        }
        return totals;
    }
}
