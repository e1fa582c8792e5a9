package io.nbo.service.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.regex.Pattern;

/**
 * Leaves out the Kafka Streams metrics that are recorded only at the {@code DEBUG} or {@code TRACE} recording level.
 * The service runs at Kafka's default {@code INFO}, where such a metric exists but never moves: a store's
 * {@code put-rate} read 0 on every store while thousands of profiles were written a second, which misleads whoever
 * looks, and one series per store and task made up half of a 1.5 MB scrape.
 */
public final class UnrecordedStreamsMetrics implements MeterFilter {
    private static final Pattern DEBUG_OR_TRACE = Pattern.compile(String.join("|",
            // A store's operations (DEBUG) and the end-to-end latency at a store (TRACE).
            "kafka\\.stream\\.state\\.(put|put\\.if\\.absent|put\\.all|get|fetch|all|range|prefix\\.scan|flush"
                    + "|commit|delete|remove|restore)\\.(rate|latency\\.avg|latency\\.max)",
            "kafka\\.stream\\.state\\.(record\\.e2e\\.latency|iterator\\.duration|suppression\\.buffer)\\..*",
            // RocksDB's statistics (DEBUG); its properties, such as estimate.num.keys, are kept.
            "kafka\\.stream\\.state\\.(bytes\\.(written|read)\\.(rate|total)|memtable\\.bytes\\.flushed\\.(rate|total)"
                    + "|memtable\\.hit\\.ratio|memtable\\.flush\\.time\\..*|write\\.stall\\.duration\\..*"
                    + "|block\\.cache\\.(data|index|filter)\\.hit\\.ratio|bytes\\.(read|written)\\.compaction\\.rate"
                    + "|compaction\\.time\\..*|number\\.open\\.files|number\\.file\\.errors\\.total)",
            // A task's (DEBUG), but for its active-process ratio, dropped records and records left to restore.
            "kafka\\.stream\\.task\\.(process\\.latency|process|punctuate|enforced\\.processing"
                    + "|record\\.lateness)\\..*",
            "kafka\\.stream\\.task\\.(restore|update)\\.(rate|total)",
            "kafka\\.stream\\.task\\.(active\\.buffer\\.count|cache\\.size\\.bytes)",
            // A processor's throughput (DEBUG); its end-to-end latency is kept.
            "kafka\\.stream\\.processor\\.node\\.(process|suppression\\.emit|idempotent\\.update\\.skip"
                    + "|emit\\.final\\.latency|emitted\\.records)\\..*",
            "kafka\\.stream\\.record\\.cache\\..*"));

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return DEBUG_OR_TRACE.matcher(id.getName()).matches() ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }
}
