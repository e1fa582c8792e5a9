package io.nbo.service.state;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance showed of each campaign in the last {@link #WINDOW_MILLIS}, with the campaign's total its
 * decision read: totals, which volume caps are read from, reach decisions a few hundred milliseconds after the
 * decisions they count, so without these a burst of decisions could show a capped campaign many times over.
 * A total read before a presentation counts neither it nor any made here after it, so that total plus those
 * presentations is a floor for the campaign's count; the highest such floor is exact for what this instance
 * showed and never counts a presentation twice (adding every recent one to the latest total did, and closed
 * caps early).
 */
public final class RecentPresentations {
    /** Well beyond the time a decision takes to reach the published totals (decision, contact tracker, aggregator). */
    public static final long WINDOW_MILLIS = 5_000;
    private final Map<String, Floors> byCampaign = new ConcurrentHashMap<>();

    /**
     * The floor is max over presentations i of (counted_i + shown since i, i included) = max(counted_i - seq_i)
     * + lastSeq + 1: a sliding-window maximum, kept as a queue of the candidates not beaten by a later one, so
     * a decision reads it in constant time however many presentations the window holds.
     */
    private static final class Floors {
        private record Candidate(long at, long key) {
        }

        private final Deque<Candidate> candidates = new ArrayDeque<>();
        private long lastSeq = -1;

        synchronized void add(long at, long counted) {
            lastSeq++;
            long key = counted - lastSeq;
            while (!candidates.isEmpty() && candidates.peekLast().key() <= key) {
                candidates.pollLast();
            }
            candidates.addLast(new Candidate(at, key));
        }

        synchronized long floor(long now) {
            while (!candidates.isEmpty() && candidates.peekFirst().at() < now - WINDOW_MILLIS) {
                candidates.pollFirst();
            }
            return candidates.isEmpty() ? 0 : candidates.peekFirst().key() + lastSeq + 1;
        }
    }

    /** A presentation of the campaign made at {@code at} by a decision that read {@code counted} in its totals. */
    public void record(String campaignId, long at, long counted) {
        byCampaign.computeIfAbsent(campaignId, id -> new Floors()).add(at, counted);
    }

    /** The fewest presentations the campaign has had, from those made here within the window before {@code now}. */
    public long atLeast(String campaignId, long now) {
        Floors floors = byCampaign.get(campaignId);
        return floors == null ? 0 : floors.floor(now);
    }

    /** Drops campaigns with nothing left in the window, so retired campaigns do not stay here. */
    public void expire(long now) {
        byCampaign.keySet().removeIf(campaignId -> atLeast(campaignId, now) == 0);
    }
}
