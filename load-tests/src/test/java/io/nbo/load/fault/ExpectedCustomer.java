package io.nbo.load.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the service must hold for one customer once the whole known stream is in, every event counted
 * exactly once; filled in as the stream is planned, so the expectation is derived, never typed in.
 */
final class ExpectedCustomer {
    final String customerId;
    /** Offers decided on the home placement before the faults, in order; the stream answers them. */
    final List<String> homeDecisions = new ArrayList<>();
    /** Per home decision, the outcomes its responses carry (impression, click, then accept or decline). */
    final Map<String, Set<String>> outcomesByDecision = new LinkedHashMap<>();
    final Set<String> eventIds = new LinkedHashSet<>();
    final Map<String, Long> responseCounts = new TreeMap<>();
    long purchases;
    double spent;
    long refunds;
    double refunded;
    /** Purchases with a book in them: each converts one home presentation, while unconverted ones remain. */
    int bookPurchases;

    ExpectedCustomer(String customerId) {
        this.customerId = customerId;
    }

    int conversions() {
        return Math.min(homeDecisions.size(), bookPurchases);
    }

    long accepts() {
        return outcomesByDecision.values().stream().filter(outcomes -> outcomes.contains("accept")).count();
    }

    long declines() {
        return outcomesByDecision.values().stream().filter(outcomes -> outcomes.contains("decline")).count();
    }

    void response(String eventId, String outcome) {
        eventIds.add(eventId);
        responseCounts.merge(outcome, 1L, Long::sum);
    }
}
