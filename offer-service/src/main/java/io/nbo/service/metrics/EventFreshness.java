package io.nbo.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nbo.topology.profile.EventArrival;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code nbo_event_freshness_seconds}: how long events took from arriving to the profile the next decision
 * reads, by origin; and {@code nbo_events_repeated_total}, the events dropped as repeats. Decisions read the
 * store the stream thread writes, so freshness is the wait before a decision can reflect the event, short of the
 * HTTP answer itself. Both are counted on the instance that applied the event.
 */
public final class EventFreshness implements EventArrival.Listener {
    /** Bounds fine enough for a 50 ms target and a one-second alert, coarse enough to keep the series few. */
    private static final Duration[] BUCKETS = java.util.stream.LongStream.of(5, 10, 20, 50, 100, 200, 500, 1000,
            2000, 5000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    private final Map<EventArrival.Origin, Timer> timers = new EnumMap<>(EventArrival.Origin.class);
    private final Map<EventArrival.Origin, Counter> repeats = new EnumMap<>(EventArrival.Origin.class);

    public EventFreshness(MeterRegistry registry) {
        for (EventArrival.Origin origin : EventArrival.Origin.values()) {
            timers.put(origin, Timer.builder("nbo.event.freshness")
                    .description("Time from an event's arrival (accepted by POST /v1/events or /v1/responses, or "
                            + "for records produced straight to a topic, the record's timestamp) until the profile "
                            + "decisions read reflects it")
                    .tag("origin", origin.id())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
            repeats.put(origin, Counter.builder("nbo.events.repeated")
                    .description("Events dropped because the customer had sent an event with the same eventId in the"
                            + " last 7 days (any type, any topic)")
                    .tag("origin", origin.id())
                    .register(registry));
        }
    }

    @Override
    public void repeated(EventArrival.Origin origin) {
        repeats.get(origin).increment();
    }

    /** Never below zero: the instance that accepted the event may have a clock slightly ahead of this one's. */
    @Override
    public void applied(EventArrival.Origin origin, long arrivedAt) {
        timers.get(origin).record(Math.max(0, System.currentTimeMillis() - arrivedAt), TimeUnit.MILLISECONDS);
    }
}
