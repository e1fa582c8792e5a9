package io.nbo.load.report;

/**
 * The ingest baseline. {@code serviceEventsPerSecond}: records the service committed divided by the time
 * from the first send until it caught up (or gave up); {@code rawEventsPerSecond}: a plain consumer that
 * only reads and decodes the same records.
 */
public record IngestResult(long eventsProduced, long recordsInRange, double produceSeconds, boolean serviceCaughtUp,
                           double serviceSeconds, double serviceEventsPerSecond, long rawRecords,
                           long rawDecodeRefusals, double rawSeconds, double rawEventsPerSecond) {
    /** Service ingest rate as a share of the plain consumer's; 0 when nothing was read. */
    public double serviceToRawRatio() {
        return rawEventsPerSecond > 0 ? serviceEventsPerSecond / rawEventsPerSecond : 0;
    }
}
