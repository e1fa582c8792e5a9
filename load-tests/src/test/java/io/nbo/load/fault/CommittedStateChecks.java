package io.nbo.load.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;

/**
 * Exactness of what the committed changelogs and output topics hold, read as {@code read_committed}: the
 * state every instance restores from after a crash, and what downstream readers get. Every mismatch is
 * collected before the check fails.
 */
final class CommittedStateChecks {
    private final KnownStream stream;
    private final String applicationId;
    private final String bootstrapServers;

    CommittedStateChecks(KnownStream stream, String applicationId, String bootstrapServers) {
        this.stream = stream;
        this.applicationId = applicationId;
        this.bootstrapServers = bootstrapServers;
    }

    /** What the committed changelogs and output topics hold: the state every restore starts from. */
    void assertExact(LoggedDecisions logged) {
        SoftAssertions soft = new SoftAssertions();
        seenEventIds(soft);
        profileVersions(soft);
        contactHistories(soft, logged);
        CampaignTotals product = logged.shownOnly(stream.customers.keySet(), DecisionTraffic.PRODUCT_OFFER);
        campaignUpdates(soft, product);
        campaignSnapshots(soft, Topics.CAMPAIGN_STATS.name(), product);
        campaignSnapshots(soft, changelog("campaign-totals"), product);
        deadLetters(soft);
        soft.assertAll();
    }

    /**
     * Each event id is recorded as seen exactly once: recorded twice, the de-duplication store had lost it and
     * the event was applied again; never recorded, the event was lost.
     */
    private void seenEventIds(SoftAssertions soft) {
        Map<String, Integer> writes = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : CommittedLog.read(bootstrapServers, changelog("seen-event-ids"))) {
            String subject = record.key().substring(0, Math.max(0, record.key().indexOf('|')));
            if (record.value() != null && stream.customers.containsKey(subject)) {
                writes.merge(record.key(), 1, Integer::sum);
            }
        }
        Set<String> expected = new TreeSet<>();
        stream.customers.values().forEach(c -> c.eventIds.forEach(id -> expected.add(c.customerId + "|" + id)));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(writes.keySet());
        Set<String> unexpected = new TreeSet<>(writes.keySet());
        unexpected.removeAll(expected);
        soft.assertThat(missing).as("event ids never recorded as seen (events lost)").isEmpty();
        soft.assertThat(unexpected).as("event ids recorded as seen that were never sent").isEmpty();
        soft.assertThat(new TreeMap<>(writes).entrySet().stream().filter(e -> e.getValue() > 1).toList())
                .as("event ids recorded as seen more than once").isEmpty();
    }

    /**
     * A customer's committed profile versions count events 1, 2, 3 … up to the number of distinct events:
     * a repeated count means an event applied twice, a gap means one lost. The last version is exact.
     */
    private void profileVersions(SoftAssertions soft) {
        Map<String, List<JsonNode>> versions = byCustomer(changelog("customer-profiles"));
        for (ExpectedCustomer customer : stream.customers.values()) {
            List<JsonNode> profiles = versions.getOrDefault(customer.customerId, List.of());
            List<Long> counts = profiles.stream().map(p -> p.path("eventCount").asLong()).toList();
            soft.assertThat(counts).as("%s: eventCount of each committed profile version", customer.customerId)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, customer.eventIds.size()).boxed().toList());
            if (!profiles.isEmpty()) {
                ProfileAssertions.assertProfile(soft, customer, profiles.get(profiles.size() - 1),
                        "in the committed changelog");
            }
        }
    }

    /**
     * Positions in the contact-history changelog's records, which are stored as arrays without field names
     * (the topology's {@code StoredHistoryLayout}; this harness reads Kafka as a user would, without the
     * service's modules). A presentation: decision id, offer id, ..., succeeded, converted, outcomes.
     */
    private static final int DECISION_ID = 0;
    private static final int OFFER_ID = 1;
    private static final int SUCCEEDED = 8;
    private static final int CONVERTED = 9;
    private static final int OUTCOMES = 10;
    /** A campaign standing: control, first exposure, converted, revenue. */
    private static final int REVENUE = 3;

    /**
     * The last committed contact history of each customer: every logged presentation once, each home
     * presentation with the outcomes its responses carried, and as many converted as book purchases allow.
     */
    private void contactHistories(SoftAssertions soft, LoggedDecisions logged) {
        Map<String, List<JsonNode>> versions = byCustomer(changelog("contact-history"));
        for (ExpectedCustomer customer : stream.customers.values()) {
            List<JsonNode> histories = versions.getOrDefault(customer.customerId, List.of());
            if (histories.isEmpty()) {
                soft.fail("%s: no committed contact history", customer.customerId);
                continue;
            }
            JsonNode history = histories.get(histories.size() - 1);
            List<String> home = new ArrayList<>();
            List<String> product = new ArrayList<>();
            int converted = 0;
            for (JsonNode presentation : history.path("presentations")) {
                String decisionId = presentation.path(DECISION_ID).asText();
                String offerId = presentation.path(OFFER_ID).asText();
                if (!KnownStream.HOME_OFFER.equals(offerId)) {
                    product.add(decisionId + (DecisionTraffic.PRODUCT_OFFER.equals(offerId) ? "" : " of " + offerId));
                    continue;
                }
                home.add(decisionId);
                Set<String> outcomes = new HashSet<>();
                presentation.path(OUTCOMES).forEach(o -> outcomes.add(o.asText()));
                boolean isConverted = presentation.path(CONVERTED).asBoolean();
                converted += isConverted ? 1 : 0;
                soft.assertThat(outcomes).as("%s: outcomes of presentation %s", customer.customerId, decisionId)
                        .isEqualTo(customer.outcomesByDecision.getOrDefault(decisionId, Set.of()));
                soft.assertThat(presentation.path(SUCCEEDED).asBoolean())
                        .as("%s: presentation %s succeeded (accepted, convert response or purchase)",
                                customer.customerId, decisionId)
                        .isEqualTo(outcomes.contains("accept") || outcomes.contains("convert") || isConverted);
            }
            soft.assertThat(home).as("%s: home presentations in the contact history", customer.customerId)
                    .containsExactlyInAnyOrderElementsOf(customer.homeDecisions);
            soft.assertThat(product).as("%s: product presentations in the contact history", customer.customerId)
                    .containsExactlyInAnyOrderElementsOf(logged.showing(customer.customerId,
                            DecisionTraffic.PRODUCT_OFFER));
            soft.assertThat(converted).as("%s: converted home presentations", customer.customerId)
                    .isEqualTo(customer.conversions());
            JsonNode exposure = history.path("campaigns").path(KnownStream.HOME_CAMPAIGN);
            soft.assertThat(exposure.path(REVENUE).asDouble())
                    .as("%s: revenue brought to %s", customer.customerId, KnownStream.HOME_CAMPAIGN)
                    .isEqualTo(customer.conversions() * KnownStream.BOOK_PRICE);
        }
    }

    /** The contact tracker's committed output, summed: each change to a campaign's totals sent once. */
    private void campaignUpdates(SoftAssertions soft, CampaignTotals product) {
        Map<String, CampaignTotals> sums = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : CommittedLog.read(bootstrapServers,
                Topics.CAMPAIGN_UPDATES.name())) {
            JsonNode update = CommittedLog.json(record.value());
            if (!update.path("control").asBoolean()) {
                sums.merge(record.key(), CampaignTotals.fromStore(update), CampaignTotals::plus);
            }
        }
        soft.assertThat(sums.getOrDefault(KnownStream.HOME_CAMPAIGN, CampaignTotals.NONE))
                .as("committed campaign-updates for %s, summed", KnownStream.HOME_CAMPAIGN)
                .isEqualTo(stream.homeCampaign());
        soft.assertThat(sums.getOrDefault(DecisionTraffic.PRODUCT_CAMPAIGN, CampaignTotals.NONE))
                .as("committed campaign-updates for %s, summed", DecisionTraffic.PRODUCT_CAMPAIGN).isEqualTo(product);
    }

    /**
     * The campaign totals as last committed to {@code topic} (the published stats or the aggregator's
     * changelog) are exact, and no committed version ever counted more than a later one.
     */
    private void campaignSnapshots(SoftAssertions soft, String topic, CampaignTotals product) {
        Map<String, List<JsonNode>> versions = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : CommittedLog.read(bootstrapServers, topic)) {
            if (record.value() != null) {
                versions.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(CommittedLog.json(record.value()));
            }
        }
        Map<String, CampaignTotals> expected = Map.of(KnownStream.HOME_CAMPAIGN, stream.homeCampaign(),
                DecisionTraffic.PRODUCT_CAMPAIGN, product);
        expected.forEach((campaignId, totals) -> {
            List<JsonNode> snapshots = versions.getOrDefault(campaignId, List.of());
            soft.assertThat(snapshots).as("%s: committed versions in %s", campaignId, topic).isNotEmpty();
            if (snapshots.isEmpty()) {
                return;
            }
            JsonNode last = snapshots.get(snapshots.size() - 1).path("treatment");
            soft.assertThat(CampaignTotals.fromStore(last)).as("%s: last committed totals in %s", campaignId, topic)
                    .isEqualTo(totals);
            for (int i = 1; i < snapshots.size(); i++) {
                CampaignTotals before = CampaignTotals.fromStore(snapshots.get(i - 1).path("treatment"));
                CampaignTotals after = CampaignTotals.fromStore(snapshots.get(i).path("treatment"));
                soft.assertThat(neverLess(before, after)).as("%s: committed version %d in %s went back from %s to %s",
                        campaignId, i, topic, before, after).isTrue();
            }
        });
        JsonNode home = versions.getOrDefault(KnownStream.HOME_CAMPAIGN, List.of()).stream()
                .reduce((a, b) -> b).map(n -> n.path("treatment")).orElse(null);
        if (home != null) {
            soft.assertThat(home.path("revenueSquares").asDouble())
                    .as("%s: sum of squared revenue per customer in %s", KnownStream.HOME_CAMPAIGN, topic)
                    .isEqualTo(stream.homeRevenueSquares());
        }
    }

    private static boolean neverLess(CampaignTotals before, CampaignTotals after) {
        return after.customers() >= before.customers() && after.impressions() >= before.impressions()
                && after.clicks() >= before.clicks() && after.accepts() >= before.accepts()
                && after.declines() >= before.declines() && after.conversions() >= before.conversions()
                && after.revenue() >= before.revenue();
    }

    /** Every event of the known stream is valid: none may end up as a dead letter. */
    private void deadLetters(SoftAssertions soft) {
        List<String> ours = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : CommittedLog.read(bootstrapServers, Topics.DEAD_LETTER.name())) {
            if (stream.customers.containsKey(record.key())) {
                var reason = record.headers().lastHeader(Topics.HEADER_REASON);
                ours.add(record.key() + ": " + (reason == null ? "?" : new String(reason.value())));
            }
        }
        soft.assertThat(ours).as("dead letters of the known stream").isEmpty();
    }

    private Map<String, List<JsonNode>> byCustomer(String topic) {
        Map<String, List<JsonNode>> versions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : CommittedLog.read(bootstrapServers, topic)) {
            if (record.value() != null && stream.customers.containsKey(record.key())) {
                versions.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(CommittedLog.json(record.value()));
            }
        }
        return versions;
    }

    /**
     * Per topic, the records only a read_uncommitted consumer sees: what aborted transactions wrote. Shows that
     * the faults did cut transactions short, so the run tested more than the happy path.
     */
    Map<String, Integer> abortedRecords() {
        Map<String, Integer> aborted = new TreeMap<>();
        for (String topic : List.of(changelog("customer-profiles"), changelog("contact-history"),
                Topics.CAMPAIGN_UPDATES.name(), Topics.CAMPAIGN_STATS.name())) {
            aborted.put(topic, CommittedLog.abortedRecords(bootstrapServers, topic));
        }
        return aborted;
    }

    private String changelog(String store) {
        return applicationId + "-" + store + "-changelog";
    }
}
