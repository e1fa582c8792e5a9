package io.nbo.service.state;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.schemas.decisions.DecisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Decisions this instance made whose presentations the contact-history store may not show yet (they travel
 * through the decisions topic first). Merged into every decision's history so that caps hold exactly even
 * for requests a few milliseconds apart. An entry is dropped as soon as the store shows its decision: when a
 * decision of the customer reads a history that has it, or when the contact tracker has processed the
 * decisions topic past the decision's offset ({@link #forgetRecorded}). {@link #TTL_MILLIS} is only a
 * backstop for decisions whose write failed, or that another instance's tracker processes.
 */
public final class PendingContacts {
    static final long TTL_MILLIS = 120_000;
    /** How often to look for decisions the tracker has recorded. */
    public static final long RECORDED_CHECK_MILLIS = 1_000;

    private final Map<String, List<Presentation>> pending = new ConcurrentHashMap<>();
    /**
     * Customers in the order their decisions were recorded, so expiry looks only at what is old enough to
     * go: a scan of every entry, every few seconds, stalled the event loop once a busy minute had left
     * a hundred thousand customers here.
     */
    private final Queue<Recorded> byAge = new ConcurrentLinkedQueue<>();

    private record Recorded(String customerId, long at) {
    }

    /** Decisions written to the decisions topic, per partition in offset order (the producer acknowledges so). */
    private final Map<Integer, Queue<Logged>> loggedByPartition = new ConcurrentHashMap<>();

    private record Logged(String customerId, String decisionId, long offset) {
    }

    public void record(DecisionRecord decision) {
        List<Presentation> presentations = new ArrayList<>();
        for (DecisionRecord.Candidate candidate : decision.candidates()) {
            if (decision.shown().contains(candidate.offerId())) {
                presentations.add(new Presentation(decision.decisionId(), candidate.offerId(), candidate.campaignId(),
                        candidate.category(), decision.channel(), candidate.segment(), decision.decidedAt(), false,
                        false, false));
            }
        }
        // Holds count in the offer's and campaign's caps as presentations do (ContactPolicy).
        for (DecisionRecord.ControlHold hold : decision.heldOut()) {
            presentations.add(new Presentation(decision.decisionId(), hold.offerId(), hold.campaignId(),
                    hold.category(), decision.channel(), null, decision.decidedAt(), true, false, false));
        }
        if (!presentations.isEmpty()) {
            long now = decision.decidedAt();
            pending.merge(decision.customerId(), presentations, (old, added) -> {
                List<Presentation> merged = kept(old, p -> now - p.at() < TTL_MILLIS);
                merged.addAll(added);
                return merged;
            });
            byAge.add(new Recorded(decision.customerId(), now));
        }
    }

    /** {@code recorded} with the customer's presentations still in flight, which it does not show yet. */
    public ContactHistory withInFlight(String customerId, ContactHistory recorded, long now) {
        return withInFlight(customerId, List.of(), recorded, now);
    }

    /**
     * The same, also with what is in flight for the visitor ids merged into the customer: decisions made for a
     * visitor just before the login reach the customer's history one Kafka hop after the visitor's.
     */
    public ContactHistory withInFlight(String customerId, List<String> stitchedIds, ContactHistory recorded, long now) {
        if (stitchedIds.isEmpty()) {
            return recorded.withUnrecorded(of(customerId, recorded, now));
        }
        List<Presentation> inFlight = new ArrayList<>();
        for (String stitchedId : stitchedIds) {
            inFlight.addAll(of(stitchedId, recorded, now));
        }
        inFlight.addAll(of(customerId, recorded, now));
        inFlight.sort(java.util.Comparator.comparingLong(Presentation::at));
        return recorded.withUnrecorded(inFlight);
    }

    /** What is still in flight for the customer, forgetting what {@code recorded} already shows. */
    public List<Presentation> of(String customerId, ContactHistory recorded, long now) {
        List<Presentation> presentations = pending.get(customerId);
        if (presentations == null) {
            return List.of();
        }
        // A set, not a search per presentation: a busy customer has a hundred recorded and dozens in flight.
        // Only the recorded presentations as recent as the oldest in flight can be the same decisions.
        long oldest = Long.MAX_VALUE;
        for (Presentation presentation : presentations) {
            oldest = Math.min(oldest, presentation.at());
        }
        java.util.Set<String> known = recorded.decisionIdsSince(oldest);
        Predicate<Presentation> open = p -> now - p.at() < TTL_MILLIS && !known.contains(p.decisionId());
        List<Presentation> stillOpen = kept(presentations, open);
        if (stillOpen.size() < presentations.size()) {
            keepOnly(customerId, open);
        }
        return stillOpen;
    }

    /** Keeps only the customer's presentations that {@code keep} accepts, and the customer only if any are left. */
    private void keepOnly(String customerId, Predicate<Presentation> keep) {
        pending.computeIfPresent(customerId, (id, presentations) -> {
            List<Presentation> kept = kept(presentations, keep);
            return kept.isEmpty() ? null : kept;
        });
    }

    /** A plain loop: this runs for every decision, and setting up a stream cost more than the filtering. */
    private static List<Presentation> kept(List<Presentation> presentations, Predicate<Presentation> keep) {
        List<Presentation> kept = new ArrayList<>(presentations.size());
        for (Presentation presentation : presentations) {
            if (keep.test(presentation)) {
                kept.add(presentation);
            }
        }
        return kept;
    }

    /** The decision was written to partition {@code partition} of the decisions topic at {@code offset}. */
    public void logged(DecisionRecord decision, int partition, long offset) {
        loggedByPartition.computeIfAbsent(partition, p -> new ConcurrentLinkedQueue<>())
                .add(new Logged(decision.customerId(), decision.decisionId(), offset));
    }

    /**
     * Forgets the decisions the contact tracker has recorded: those logged at or below the offset of the
     * decisions topic that {@code processedUpTo} reports for their partition (negative: not known here).
     * Without this, every decision stayed for the whole backstop time unless its customer was asked about
     * again, and the young garbage collections kept copying them: 70 ms pauses every 2 s at 1,500 decisions/s.
     */
    public void forgetRecorded(java.util.function.IntToLongFunction processedUpTo, Predicate<String> movedOn) {
        loggedByPartition.forEach((partition, logged) -> {
            long processed = processedUpTo.applyAsLong(partition);
            for (Logged head = logged.peek(); head != null && head.offset() <= processed; head = logged.peek()) {
                // Removed by identity: expiry may take entries out of this queue at the same time.
                Logged recorded = head;
                // A visitor's decision the tracker passed on to the customer the visitor logged in as is not in the
                // customer's history yet: it stays until a decision reads a history that has it.
                if (logged.remove(recorded) && !movedOn.test(recorded.customerId())) {
                    keepOnly(recorded.customerId(), p -> !p.decisionId().equals(recorded.decisionId()));
                }
            }
        });
    }

    /** Forgets everything in flight for an erased customer. */
    public void forget(String customerId) {
        pending.remove(customerId);
    }

    /** Drops expired entries; called periodically. Costs what expired, not what is kept. */
    public void expire(long now) {
        // A logged decision this instance's tracker never processes (its partition moved) is forgotten here.
        loggedByPartition.values().forEach(logged -> logged.removeIf(entry -> !pending.containsKey(entry.customerId())));
        for (Recorded oldest = byAge.peek(); oldest != null && now - oldest.at() >= TTL_MILLIS;
             oldest = byAge.peek()) {
            byAge.poll();
            keepOnly(oldest.customerId(), p -> now - p.at() < TTL_MILLIS);
        }
    }

    public int size() {
        return pending.size();
    }
}
