package io.nbo.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangeWatchersTest {
    @Test
    void shouldDropAWakeUpThatThrowsAndStillWakeTheOthers() {
        ChangeWatchers watchers = new ChangeWatchers();
        AtomicInteger woken = new AtomicInteger();
        watchers.watch("c-1", () -> {
            throw new java.util.concurrent.RejectedExecutionException("event loop closed");
        });
        watchers.watch("c-1", woken::incrementAndGet);

        watchers.accept("c-1");
        watchers.accept("c-1");
        watchers.accept("c-2");

        assertThat(woken).hasValue(2);
        Runnable stop = watchers.watch("c-3", woken::incrementAndGet);
        stop.run();
        stop.run();
        assertThat(watchers.watched()).as("c-1 with its one good watcher").isEqualTo(1);
    }
}
