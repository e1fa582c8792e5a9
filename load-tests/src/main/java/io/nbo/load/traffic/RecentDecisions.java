package io.nbo.load.traffic;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The last few decisions the service answered, so offer responses refer to decisions that really happened.
 * Written from the HTTP client's threads, read by the scheduler: every method is synchronized.
 */
public final class RecentDecisions {
    private final Decision[] ring;
    private long written;

    public RecentDecisions(int capacity) {
        this.ring = new Decision[capacity];
    }

    public synchronized void add(Decision decision) {
        ring[(int) (written++ % ring.length)] = decision;
    }

    public synchronized Optional<Decision> any(RandomGenerator random) {
        int filled = (int) Math.min(written, ring.length);
        return filled == 0 ? Optional.empty() : Optional.of(ring[random.nextInt(filled)]);
    }

    public record Decision(String decisionId, String customerId, String offerId, String campaignId) {
    }
}
