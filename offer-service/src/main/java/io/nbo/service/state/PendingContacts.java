package io.nbo.service.state;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.schemas.decisions.DecisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions this instance made whose presentations the contact-history store may not show yet (they travel
 * through the decisions topic first). Merged into every decision's history so that caps hold exactly even
 * for requests a few milliseconds apart. An entry is dropped as soon as the store shows its decision, so the
 * list stays short for busy customers; {@link #TTL_MILLIS} is only a backstop for decisions that never
 * arrive (a failed write).
 */
public final class PendingContacts {
    static final long TTL_MILLIS = 120_000;

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

    /** What is still in flight for the customer, forgetting what {@code recorded} already shows. */
    public List<Presentation> of(String customerId, ContactHistory recorded, long now) {
        List<Presentation> presentations = pending.get(customerId);
        if (presentations == null) {
            return List.of();
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        recorded.presentations().forEach(p -> known.add(p.decisionId()));
        List<Presentation> open = presentations.stream()
                .filter(p -> now - p.at() < TTL_MILLIS && !known.contains(p.decisionId())).toList();
        if (open.size() < presentations.size()) {
            pending.computeIfPresent(customerId, (id, current) -> {
                List<Presentation> kept = current.stream()
                        .filter(p -> now - p.at() < TTL_MILLIS && !known.contains(p.decisionId())).toList();
                return kept.isEmpty() ? null : kept;
            });
        }
        return open;
    }

    /** Forgets everything in flight for an erased customer. */
    public void forget(String customerId) {
        pending.remove(customerId);
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
