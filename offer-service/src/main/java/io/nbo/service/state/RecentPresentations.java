package io.nbo.service.state;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The presentations this instance made per campaign in the last {@link #WINDOW_MILLIS}: the campaign totals
 * that volume caps are read from reach decisions a few hundred milliseconds after the decisions they count,
 * so without these a burst of decisions could show a capped campaign many times over. Counting a decision
 * both here and in a total that already has it only makes a cap close early for that moment.
 */
public final class RecentPresentations {
    /** Longer than a decision takes to reach the published totals (decision, contact tracker, aggregator). */
    public static final long WINDOW_MILLIS = 1_000;
    private final Map<String, Deque<Long>> byCampaign = new ConcurrentHashMap<>();

    public void record(String campaignId, long at) {
        Deque<Long> times = byCampaign.computeIfAbsent(campaignId, id -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(at);
        }
    }

    /** Presentations of the campaign made here within the window before {@code now}. */
    public long count(String campaignId, long now) {
        Deque<Long> times = byCampaign.get(campaignId);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() < now - WINDOW_MILLIS) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    /** Drops campaigns with nothing left in the window, so retired campaigns do not stay here. */
    public void expire(long now) {
        byCampaign.keySet().removeIf(campaignId -> count(campaignId, now) == 0);
    }
}
