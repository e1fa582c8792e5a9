package io.nbo.service.state;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decisions answered lately under a client's request id, so that a retry (a timeout, a reload) gets the same
 * answer and is not counted, capped or learned from a second time. Kept in memory for {@link #KEPT_MILLIS}, at
 * most {@link #MAX_KEPT} answers and {@link #MAX_BYTES} of them: retries come within seconds, and a full memory
 * forgets the oldest first (at thousands of decisions a second, each with an id, that is seconds, not minutes).
 */
public final class RecentAnswers {
    public static final long KEPT_MILLIS = 10 * 60_000;
    public static final int MAX_KEPT = 10_000;
    /** An answer with {@code explain=true} over a large catalogue runs to hundreds of kilobytes. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    /**
     * {@code parameters}: what was asked besides the id, which a retry must repeat; {@code basis}: what the answer
     * rested on that, once changed, makes it one not to give again (the customer's consents).
     */
    public record Answer(String parameters, byte[] body, long at, String basis) {
    }

    /**
     * By the customer decided for (a visitor's id and the customer it leads to after a login are one customer)
     * and the request id, oldest first.
     */
    private final Map<Key, Answer> answers = new LinkedHashMap<>();
    private long bytes;

    private record Key(String customerId, String requestId) {
    }

    /** The answer given under this request id within the last {@link #KEPT_MILLIS}, or null. */
    public synchronized Answer get(String customerId, String requestId, long now) {
        expire(now);
        Answer answer = answers.get(new Key(customerId, requestId));
        // Times are read before this lock is taken, so an entry's order and its time may disagree a little.
        return answer == null || answer.at() <= now - KEPT_MILLIS ? null : answer;
    }

    public void remember(String customerId, String requestId, String parameters, byte[] body, long now) {
        remember(customerId, requestId, parameters, body, now, "");
    }

    public synchronized void remember(String customerId, String requestId, String parameters, byte[] body, long now,
                                      String basis) {
        expire(now);
        Answer replaced = answers.put(new Key(customerId, requestId), new Answer(parameters, body, now, basis));
        bytes += body.length - (replaced == null ? 0 : replaced.body().length);
        Iterator<Answer> oldest = answers.values().iterator();
        while (answers.size() > MAX_KEPT || bytes > MAX_BYTES) {
            bytes -= oldest.next().body().length;
            oldest.remove();
        }
    }

    /** Forgets every answer given for {@code customerId}: after an erasure none may be replayed. */
    public synchronized void forget(String customerId) {
        Iterator<Map.Entry<Key, Answer>> all = answers.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<Key, Answer> entry = all.next();
            if (entry.getKey().customerId().equals(customerId)) {
                bytes -= entry.getValue().body().length;
                all.remove();
            }
        }
    }

    public synchronized int size() {
        return answers.size();
    }

    private void expire(long now) {
        Iterator<Answer> oldest = answers.values().iterator();
        while (oldest.hasNext()) {
            Answer answer = oldest.next();
            if (answer.at() > now - KEPT_MILLIS) {
                return;
            }
            bytes -= answer.body().length;
            oldest.remove();
        }
    }
}
