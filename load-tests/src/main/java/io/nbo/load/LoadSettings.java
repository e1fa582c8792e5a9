package io.nbo.load;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's settings, as given on the command line (written into the results so runs can be compared).
 * Rates are per second; a rate of 0 leaves that stream out.
 */
public record LoadSettings(
        String url,
        String bootstrap,
        String apiKey,
        String applicationId,
        String serviceJar,
        List<String> serviceJavaOptions,
        Duration warmup,
        Duration duration,
        double decisionsPerSecond,
        double eventsPerSecond,
        int eventBatch,
        double responsesPerSecond,
        double probesPerSecond,
        Duration probePollInterval,
        Duration probeTimeout,
        int customers,
        double zipfExponent,
        int connections,
        int maxQueued,
        int clientEventLoops,
        Duration requestTimeout,
        Duration baselineDuration,
        int maxRateConnections,
        int ingestEvents,
        Duration ingestTimeout,
        long seed,
        boolean keepState,
        boolean populate) {

    /** Event posts per second: the event rate spread over batches. */
    public double eventPostsPerSecond() {
        return eventsPerSecond / eventBatch;
    }

    /** Stands for the key in what the harness writes: results files are compared and shared. */
    public static final String KEY_WRITTEN_AS = "<api key>";

    /**
     * Every setting by name, durations as ISO-8601 ({@code PT15S}), for the results file; the API key only as
     * {@link #KEY_WRITTEN_AS}.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : LoadSettings.class.getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(this);
                if (component.getName().equals("apiKey") && value != null) {
                    value = KEY_WRITTEN_AS;
                }
                values.put(component.getName(), value instanceof Duration d ? d.toString() : value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    /** {@code commandLine} with the API key, wherever it stands, written as {@link #KEY_WRITTEN_AS}. */
    public String withoutKey(String commandLine) {
        return apiKey == null || apiKey.isBlank() ? commandLine : commandLine.replace(apiKey, KEY_WRITTEN_AS);
    }
}
