package io.nbo.load.report;

/**
 * The population phase: one event per customer straight through Kafka before anything is measured, so every
 * customer of the population has state. {@code stateBytesPerCustomer} is the service's Kafka Streams state on
 * disk at the end of the run (after a graceful stop flushed it) divided by the population; null when the
 * harness did not start the service and cannot see its disk.
 */
public record PopulationResult(int customers, boolean serviceCaughtUp, double seconds, double eventsPerSecond,
                               Long stateBytes, Double stateBytesPerCustomer) {

    public PopulationResult withStateBytes(long bytes) {
        return new PopulationResult(customers, serviceCaughtUp, seconds, eventsPerSecond, bytes,
                Math.round(bytes * 10.0 / customers) / 10.0);
    }
}
