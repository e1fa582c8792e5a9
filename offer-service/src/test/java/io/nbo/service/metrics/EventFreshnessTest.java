package io.nbo.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nbo.topology.profile.EventArrival.Origin;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventFreshnessTest {
    @Test
    void shouldTimeFromArrivalToNowByOriginNeverBelowZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventFreshness freshness = new EventFreshness(registry);

        freshness.applied(Origin.TOPIC, System.currentTimeMillis() - 2000);
        freshness.applied(Origin.COLLECTOR, System.currentTimeMillis() + 60_000);

        var topic = registry.get("nbo.event.freshness").tag("origin", "topic").timer();
        var collector = registry.get("nbo.event.freshness").tag("origin", "collector").timer();
        assertThat(topic.count()).isEqualTo(1);
        assertThat(topic.totalTime(TimeUnit.MILLISECONDS)).isBetween(2000.0, 60_000.0);
        assertThat(collector.count()).isEqualTo(1);
        assertThat(collector.max(TimeUnit.MILLISECONDS)).as("a clock ahead of this one's").isZero();
    }

    @Test
    void shouldCountRepeatsByOrigin() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventFreshness freshness = new EventFreshness(registry);

        freshness.repeated(Origin.TOPIC);
        freshness.repeated(Origin.TOPIC);
        freshness.repeated(Origin.COLLECTOR);

        assertThat(registry.get("nbo.events.repeated").tag("origin", "topic").counter().count()).isEqualTo(2);
        assertThat(registry.get("nbo.events.repeated").tag("origin", "collector").counter().count()).isEqualTo(1);
    }
}
