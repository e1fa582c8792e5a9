package io.nbo.load.driver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the service's freshness histogram for posted events out of its Prometheus scrape. */
public final class FreshnessHistogram {
    private static final Pattern BUCKET = Pattern.compile(
            "(?m)^nbo_event_freshness_seconds_bucket\\{([^}]*)} (\\S+)$");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private FreshnessHistogram() {
    }

    /** Cumulative counts by upper bound in seconds; empty when the service does not expose the histogram. */
    public static Map<Double, Long> scrape(ServiceClient client) {
        try {
            var answer = client.get("/metrics").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return answer.statusCode() == 200 ? parse(answer.bodyAsString()) : Map.of();
        } catch (Exception e) {
            return Map.of();
        }
    }

    static Map<Double, Long> parse(String scrape) {
        Map<Double, Long> counts = new TreeMap<>();
        Matcher bucket = BUCKET.matcher(scrape);
        while (bucket.find()) {
            String labels = bucket.group(1);
            Matcher le = LE.matcher(labels);
            if (labels.contains("origin=\"collector\"") && le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                counts.put(bound, (long) Double.parseDouble(bucket.group(2)));
            }
        }
        return counts;
    }
}
