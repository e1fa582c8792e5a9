package io.nbo.load.report;

/**
 * The population phase: one event per customer straight through Kafka before anything is measured, so every
 * customer of the population has state. {@code stateBytesPerCustomer} is the service's Kafka Streams state on
 * disk divided by the population; null when the harness did not start the service and cannot see its disk.
 */
public record PopulationResult(int customers, boolean serviceCaughtUp, double seconds, double eventsPerSecond,
                               Long stateBytes, Double stateBytesPerCustomer) {
}
