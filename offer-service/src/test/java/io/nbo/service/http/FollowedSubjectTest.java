package io.nbo.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.service.state.ChangeWatchers;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FollowedSubjectTest {
    private final ChangeWatchers watchers = new ChangeWatchers();
    private final AtomicInteger wakes = new AtomicInteger();

    @Test
    void shouldWakeOnChangesOfTheSubjectLastReadOnly() {
        FollowedSubject followed = new FollowedSubject(watchers);
        Runnable unsubscribe = followed.subscribe(wakes::incrementAndGet);

        followed.follow("visitor-1");
        watchers.accept("visitor-1");
        watchers.accept("c-1");
        followed.follow("c-1");
        watchers.accept("visitor-1");
        watchers.accept("c-1");

        assertThat(wakes).as("visitor-1 while followed, then c-1 it logged in as").hasValue(2);
        unsubscribe.run();
        watchers.accept("c-1");
        followed.follow("c-2");
        watchers.accept("c-2");
        assertThat(wakes).as("nothing once the stream ended").hasValue(2);
        assertThat(watchers.watched()).isZero();
    }

    @Test
    void shouldWakeEveryStreamOfASubjectAndForgetOnlyTheOneThatEnded() {
        FollowedSubject first = new FollowedSubject(watchers);
        FollowedSubject second = new FollowedSubject(watchers);
        Runnable firstEnds = first.subscribe(wakes::incrementAndGet);
        second.subscribe(wakes::incrementAndGet);
        first.follow("c-1");
        second.follow("c-1");

        watchers.accept("c-1");
        firstEnds.run();
        watchers.accept("c-1");

        assertThat(wakes).hasValue(3);
        assertThat(watchers.watched()).isEqualTo(1);
    }
}
