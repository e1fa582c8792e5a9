package io.nbo.load.fault;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the product decisions made during the faults did to the product offer's cap: which customers were
 * shown it more often than the cap allows (and which instance decided each time), and which were shown it by
 * a decision that never reached the log. Reported, not asserted: see {@link ExactlyOnceFaultTest}.
 */
final class CapsDuringFaults {
    private final LoggedDecisions logged;
    private final Map<String, DecisionTraffic.Answer> answers = new HashMap<>();

    CapsDuringFaults(LoggedDecisions logged, List<DecisionTraffic.Answer> answers) {
        this.logged = logged;
        answers.forEach(answer -> this.answers.put(answer.decisionId(), answer));
    }

    /** Per customer, answers that showed the product offer but are missing from the decisions topic. */
    Map<String, Long> answeredNotLogged() {
        Map<String, Long> unlogged = new TreeMap<>();
        for (DecisionTraffic.Answer answer : answers.values()) {
            if (answer.showedProductOffer() && !logged.showing(answer.customerId(), DecisionTraffic.PRODUCT_OFFER)
                    .contains(answer.decisionId())) {
                unlogged.merge(answer.customerId(), 1L, Long::sum);
            }
        }
        return unlogged;
    }

    void report(Collection<String> customers, Timeline timeline) {
        timeline.log("product offers shown but never logged (the log write failed): %s", answeredNotLogged());
        int over = 0;
        for (String customerId : customers) {
            Set<String> shown = logged.showing(customerId, DecisionTraffic.PRODUCT_OFFER);
            if (shown.size() > DecisionTraffic.PRODUCT_CAP) {
                over++;
                timeline.log("cap exceeded during the faults: %s shown %s %d times: %s", customerId,
                        DecisionTraffic.PRODUCT_OFFER, shown.size(), shown.stream().map(this::describe).toList());
            }
        }
        timeline.log("%d of %d customers were shown the capped offer more often than its cap during the faults",
                over, customers.size());
    }

    private String describe(String decisionId) {
        DecisionTraffic.Answer answer = answers.get(decisionId);
        return answer == null ? "answer lost"
                : String.format("by %s at %.1f s", answer.decidedBy(), answer.atSeconds());
    }
}
