package io.nbo.service.state;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decisions answered lately under a client's request id, so that a retry (a timeout, a reload) gets the same
 * answer and is not counted, capped or learned from a second time. Kept in memory for {@link #KEPT_MILLIS},
 * at most {@link #MAX_KEPT} of them: retries come within seconds, and a full memory forgets the oldest first.
 */
public final class RecentAnswers {
    public static final long KEPT_MILLIS = 10 * 60_000;
    public static final int MAX_KEPT = 10_000;

    /** {@code parameters}: what was asked besides the id, which a retry must repeat. */
    public record Answer(String parameters, byte[] body, long at) {
    }

    private final Map<String, Answer> answers = new LinkedHashMap<>();

    /** The answer given under {@code key} within the last {@link #KEPT_MILLIS}, or null. */
    public synchronized Answer get(String key, long now) {
        expire(now);
        return answers.get(key);
    }

    public synchronized void remember(String key, String parameters, byte[] body, long now) {
        expire(now);
        answers.put(key, new Answer(parameters, body, now));
        Iterator<String> oldest = answers.keySet().iterator();
        while (answers.size() > MAX_KEPT) {
            oldest.next();
            oldest.remove();
        }
    }

    public synchronized int size() {
        return answers.size();
    }

    private void expire(long now) {
        Iterator<Answer> oldest = answers.values().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().at() > now - KEPT_MILLIS) {
                return;
            }
            oldest.remove();
        }
    }
}
