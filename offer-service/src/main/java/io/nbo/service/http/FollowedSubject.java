package io.nbo.service.http;

import io.nbo.service.state.ChangeWatchers;

/**
 * Wakes one customer stream when the state it shows is written, under the id the requested one resolves to now: a
 * visitor's stream follows the customer the visitor logs in as. Used on the stream's event loop only.
 */
final class FollowedSubject implements ServerSentEvents.Wakeups {
    private final ChangeWatchers watchers;
    private Runnable wake;
    private String followed;
    private Runnable unwatch = () -> { };

    FollowedSubject(ChangeWatchers watchers) {
        this.watchers = watchers;
    }

    @Override
    public Runnable subscribe(Runnable wake) {
        this.wake = wake;
        return () -> {
            unwatch.run();
            this.wake = null;
        };
    }

    /** The stream just read {@code subjectId}'s state: changes to it wake the stream from now on. */
    void follow(String subjectId) {
        if (wake != null && !subjectId.equals(followed)) {
            unwatch.run();
            followed = subjectId;
            unwatch = watchers.watch(subjectId, wake);
        }
    }
}
