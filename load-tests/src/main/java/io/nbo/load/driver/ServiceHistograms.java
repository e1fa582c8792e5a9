package io.nbo.load.driver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the service's own histograms out of its Prometheus scrape: the freshness of posted events, and the
 * server's time per answered decision, which tells a tail made in the service from one made around it (the
 * machine's other processes, queueing before a request is read, the harness).
 */
public final class ServiceHistograms {
    static final String DECISION_ROUTE = "/v1/customers/:customerId/offers";
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private ServiceHistograms() {
    }

    /** The whole scrape, or an empty one when the service could not be read. */
    public static String scrape(ServiceClient client) {
        try {
            var answer = client.get("/metrics").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return answer.statusCode() == 200 ? answer.bodyAsString() : "";
        } catch (Exception e) {
            return "";
        }
    }

    /** Events posted through HTTP, from the collector's acceptance to the profile store. */
    public static Map<Double, Long> freshness(String scrape) {
        return buckets(scrape, "nbo_event_freshness_seconds", "origin=\"collector\"");
    }

    /** Decisions answered with 200, from the router's first handler to the end of the answer. */
    public static Map<Double, Long> decisionTime(String scrape) {
        return buckets(scrape, "http_server_requests_seconds", "method=\"GET\"", "route=\"" + DECISION_ROUTE + "\"",
                "status=\"200\"");
    }

    /** Cumulative counts by upper bound in seconds of the series carrying every label given; empty if none does. */
    static Map<Double, Long> buckets(String scrape, String metric, String... labels) {
        Pattern bucketLine = Pattern.compile("(?m)^" + Pattern.quote(metric) + "_bucket\\{([^}]*)} (\\S+)$");
        Map<Double, Long> counts = new TreeMap<>();
        Matcher bucket = bucketLine.matcher(scrape);
        while (bucket.find()) {
            String found = bucket.group(1);
            Matcher le = LE.matcher(found);
            if (java.util.Arrays.stream(labels).allMatch(found::contains) && le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                counts.put(bound, (long) Double.parseDouble(bucket.group(2)));
            }
        }
        return counts;
    }
}
