package io.nbo.load.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Sends several open-model streams from one dedicated scheduler thread. Each stream's {@code send} is
 * called with the request's intended time and must not block (it hands the request to the HTTP client).
 * If the thread wakes late it sends every overdue request at once, still stamped with its intended time.
 */
public final class OpenLoop {
    /** One stream: a name, a constant rate, and what to do for each request. */
    public record Stream(String name, double ratePerSecond, LongConsumer send) {
    }

    private OpenLoop() {
    }

    /**
     * Runs every stream with a positive rate for {@code duration}, starting shortly after the call, and
     * returns once the last request has been handed over. Returns how many requests each stream sent.
     */
    public static List<Long> run(List<Stream> streams, Duration duration) {
        long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
        List<OpenModelSchedule> schedules = new ArrayList<>();
        long[] sent = new long[streams.size()];
        for (Stream stream : streams) {
            schedules.add(stream.ratePerSecond() > 0
                    ? new OpenModelSchedule(start, stream.ratePerSecond(), duration)
                    : new OpenModelSchedule(start, 1, Duration.ZERO));
        }
        while (true) {
            long next = Long.MAX_VALUE;
            for (int i = 0; i < streams.size(); i++) {
                if (sent[i] < schedules.get(i).count()) {
                    next = Math.min(next, schedules.get(i).intendedNanos(sent[i]));
                }
            }
            if (next == Long.MAX_VALUE || Thread.currentThread().isInterrupted()) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < next) {
                LockSupport.parkNanos(next - now);
            }
            for (int i = 0; i < streams.size(); i++) {
                OpenModelSchedule schedule = schedules.get(i);
                long due = schedule.dueBy(now);
                while (sent[i] < due) {
                    streams.get(i).send().accept(schedule.intendedNanos(sent[i]));
                    sent[i]++;
                }
            }
        }
        List<Long> counts = new ArrayList<>();
        for (long count : sent) {
            counts.add(count);
        }
        return counts;
    }
}
