package io.nbo.service.state;

import io.nbo.decisioning.contact.Presentation;
import io.nbo.schemas.decisions.DecisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions this instance made whose presentations the contact-history store may not show yet (they travel
 * through the decisions topic first). Merged into every decision's history so that caps hold exactly even
 * for requests a few milliseconds apart. Entries expire after {@link #TTL_MILLIS}, many times what the
 * topology needs to record them (one commit interval, 100 ms), so the list stays short for busy customers.
 */
public final class PendingContacts {
    static final long TTL_MILLIS = 5_000;

    private final Map<String, List<Presentation>> pending = new ConcurrentHashMap<>();

    public void record(DecisionRecord decision) {
        List<Presentation> presentations = new ArrayList<>();
        for (DecisionRecord.Candidate candidate : decision.candidates()) {
            if (decision.shown().contains(candidate.offerId())) {
                presentations.add(new Presentation(decision.decisionId(), candidate.offerId(), candidate.campaignId(),
                        candidate.category(), decision.channel(), candidate.segment(), decision.decidedAt(), false,
                        false, false));
            }
        }
        if (!presentations.isEmpty()) {
            long now = decision.decidedAt();
            pending.merge(decision.customerId(), presentations, (old, added) -> {
                List<Presentation> merged = new ArrayList<>(old.size() + added.size());
                old.stream().filter(p -> now - p.at() < TTL_MILLIS).forEach(merged::add);
                merged.addAll(added);
                return merged;
            });
        }
    }

    public List<Presentation> of(String customerId, long now) {
        List<Presentation> presentations = pending.get(customerId);
        if (presentations == null) {
            return List.of();
        }
        return presentations.stream().filter(p -> now - p.at() < TTL_MILLIS).toList();
    }

    /** Drops expired entries; called periodically. */
    public void expire(long now) {
        pending.replaceAll((customer, presentations) -> presentations.stream()
                .filter(p -> now - p.at() < TTL_MILLIS).toList());
        pending.values().removeIf(List::isEmpty);
    }

    public int size() {
        return pending.size();
    }
}
