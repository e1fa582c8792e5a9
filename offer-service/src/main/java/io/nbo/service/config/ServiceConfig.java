package io.nbo.service.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.nbo.decisioning.contact.ChannelCap;
import io.nbo.service.access.ApiKey;
import io.nbo.decisioning.relationship.RelationshipRules;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The service's one typed configuration, built from defaults, then a properties file, then the
 * environment (later sources win), and validated at start with a message naming the bad setting.
 * Keys are the environment variable names; the file uses the same keys.
 *
 * @param bootstrapServers empty means: start an embedded single-node broker
 * @param apiKeys empty means: the embedded demo generates one key per role at start
 * @param forwardingSecret marks requests one instance forwards to another; blank: derived from the keys
 * @param maxCopyLag records a standby or restoring copy may be behind and still answer (the staleness bound)
 * @param campaignMetrics whether the open {@code /metrics} also shows each campaign's groups, revenue and lift
 * @param commitIntervalMs how often the topology commits under exactly-once (see README: speed against the
 *                         delay of learning and campaign totals); at most the transactions' 10 s timeout
 * @param startTimeout how long a start may take to join and restore before the process gives up
 * @param rocksDbMemoryBytes the one budget of all the process's RocksDB stores (block cache and memtables),
 *                           outside the JVM heap
 * @param ruleTimeZone where rules read the hour and the weekday of a request
 */
public record ServiceConfig(
        int port,
        String host,
        String advertisedHost,
        Path stateDir,
        String bootstrapServers,
        String applicationId,
        int topicPartitions,
        int replicationFactor,
        int streamThreads,
        int embeddedKafkaPort,
        int embeddedControllerPort,
        boolean loadDemoCatalogue,
        int demoEventsPerSecond,
        int bodyLimitBytes,
        Duration requestTimeout,
        String policy,
        int choiceDraws,
        List<ChannelCap> channelCaps,
        Duration attributionWindow,
        Duration forgettingHalfLife,
        RelationshipRules relationshipRules,
        int maxInFlight,
        List<String> corsOrigins,
        List<String> pageFrameOrigins,
        int httpEventLoops,
        int standbyReplicas,
        List<ApiKey> apiKeys,
        String forwardingSecret,
        long maxCopyLag,
        long commitIntervalMs,
        long rocksDbMemoryBytes,
        Duration startTimeout,
        Duration shutdownDrain,
        boolean campaignMetrics,
        java.util.Set<String> siteKeyChannels,
        boolean siteKeyGivesConsent,
        java.util.Set<String> siteKeyEvents,
        java.time.ZoneId ruleTimeZone,
        Map<String, String> settingsAsGiven) {

    public static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("PORT", "8080"),
            Map.entry("HOST", "0.0.0.0"),
            Map.entry("ADVERTISED_HOST", "localhost"),
            Map.entry("STATE_DIR", "./data"),
            Map.entry("KAFKA_BOOTSTRAP_SERVERS", ""),
            Map.entry("APPLICATION_ID", "nbo-offer-service"),
            Map.entry("TOPIC_PARTITIONS", "6"),
            Map.entry("REPLICATION_FACTOR", "1"),
            Map.entry("STREAM_THREADS", "1"),
            Map.entry("EMBEDDED_KAFKA_PORT", "9092"),
            Map.entry("EMBEDDED_CONTROLLER_PORT", "9093"),
            Map.entry("DEMO_CATALOGUE", "true"),
            Map.entry("DEMO_EVENTS_PER_SECOND", "0"),
            Map.entry("BODY_LIMIT_BYTES", "1048576"),
            Map.entry("REQUEST_TIMEOUT_MS", "5000"),
            Map.entry("POLICY", "thompson"),
            Map.entry("CHOICE_DRAWS", "100"),
            Map.entry("CHANNEL_CAPS", "email:1/24h,sms:1/24h"),
            Map.entry("ATTRIBUTION_WINDOW_HOURS", "24"),
            Map.entry("FORGETTING_HALF_LIFE_DAYS", "14"),
            Map.entry("HIGH_VALUE_NET_SPEND", "500"),
            Map.entry("HIGH_VALUE_PURCHASES", "5"),
            Map.entry("HIGH_NEED_CONTACTS", "3"),
            Map.entry("DISSOLUTION_DAYS", "180"),
            Map.entry("MAX_IN_FLIGHT", "2000"),
            Map.entry("CORS_ORIGINS", "*"),
            Map.entry("PAGE_FRAME_ORIGINS", ""),
            // One core is left to the stream thread: on two cores a second HTTP loop starved it under overload.
            Map.entry("HTTP_EVENT_LOOPS", Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() - 1))),
            Map.entry("NUM_STANDBY_REPLICAS", "0"),
            Map.entry("API_KEYS", ""),
            Map.entry("FORWARDING_SECRET", ""),
            Map.entry("MAX_COPY_LAG", "100"),
            Map.entry("COMMIT_INTERVAL_MS", "100"),
            Map.entry("ROCKSDB_MEMORY_MB", "256"),
            Map.entry("START_TIMEOUT_MS", "600000"),
            Map.entry("SHUTDOWN_DRAIN_MS", "0"),
            Map.entry("CAMPAIGN_METRICS", "true"),
            // The public key decides where the customer comes by; what is sent to them (email, sms) or said on a call
            // is decided by the service's own systems, with their own keys.
            Map.entry("SITE_KEY_CHANNELS", "web,app,store"),
            Map.entry("SITE_KEY_CONSENTS", "give-and-withdraw"),
            Map.entry("SITE_KEY_EVENTS", "all"),
            Map.entry("RULES_TIME_ZONE", "UTC"));

    private static final List<String> EMBEDDED_ONLY = List.of("EMBEDDED_KAFKA_PORT", "EMBEDDED_CONTROLLER_PORT",
            "DEMO_CATALOGUE");

    /**
     * The settings in use, by the keys of the configuration table, as given (or defaulted); secrets are never
     * shown: API_KEYS lists roles only, FORWARDING_SECRET says whether it was set.
     */
    public Map<String, String> describe() {
        Map<String, String> settings = new java.util.TreeMap<>(settingsAsGiven);
        settings.put("API_KEYS", apiKeys.isEmpty() ? "generated at start (api-keys.env)"
                : apiKeys.stream().map(key -> key.role().id()).distinct().sorted()
                .collect(java.util.stream.Collectors.joining(", ", "roles: ", "")));
        settings.put("FORWARDING_SECRET", forwardingSecret.isBlank() ? "derived from the keys" : "set");
        if (!embeddedKafka()) {
            // Read only to start a broker of its own, which an instance joining a cluster does not.
            EMBEDDED_ONLY.forEach(settings::remove);
        }
        return settings;
    }

    private static Map<String, String> asGiven(Map<String, String> values) {
        Map<String, String> known = new java.util.TreeMap<>();
        DEFAULTS.keySet().forEach(key -> known.put(key, values.getOrDefault(key, DEFAULTS.get(key)).trim()));
        return java.util.Collections.unmodifiableMap(known);
    }

    public boolean embeddedKafka() {
        return bootstrapServers.isBlank();
    }

    /** Defaults ← {@code file} (if given and present) ← {@code environment}; only known keys are read. */
    public static ServiceConfig load(Path file, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        if (file != null) {
            values.putAll(readFile(file));
        }
        environment.forEach((key, value) -> {
            if (DEFAULTS.containsKey(key)) {
                values.put(key, value);
            }
        });
        return fromMap(values);
    }

    public static ServiceConfig fromMap(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        ServiceConfig config = new ServiceConfig(
                reader.integer("PORT", 0, 65535),
                reader.text("HOST"),
                reader.host("ADVERTISED_HOST"),
                Path.of(reader.text("STATE_DIR")),
                reader.bootstrapServers("KAFKA_BOOTSTRAP_SERVERS"),
                reader.applicationId("APPLICATION_ID"),
                reader.integer("TOPIC_PARTITIONS", 1, 1000),
                reader.integer("REPLICATION_FACTOR", 1, 10),
                reader.integer("STREAM_THREADS", 1, 64),
                reader.integer("EMBEDDED_KAFKA_PORT", 1, 65535),
                reader.integer("EMBEDDED_CONTROLLER_PORT", 1, 65535),
                reader.bool("DEMO_CATALOGUE"),
                reader.integer("DEMO_EVENTS_PER_SECOND", 0, 100_000),
                reader.integer("BODY_LIMIT_BYTES", 1024, 64 * 1024 * 1024),
                Duration.ofMillis(reader.integer("REQUEST_TIMEOUT_MS", 10, 600_000)),
                reader.oneOf("POLICY", "thompson", "greedy"),
                reader.integer("CHOICE_DRAWS", 1, 10_000),
                reader.channelCaps("CHANNEL_CAPS"),
                Duration.ofHours(reader.integer("ATTRIBUTION_WINDOW_HOURS", 1, 24 * 90)),
                Duration.ofDays(reader.integer("FORGETTING_HALF_LIFE_DAYS", 1, 3650)),
                new RelationshipRules(reader.integer("HIGH_VALUE_NET_SPEND", 0, 100_000_000),
                        reader.integer("HIGH_VALUE_PURCHASES", 1, 1_000_000), reader.integer("HIGH_NEED_CONTACTS", 1, 1000),
                        reader.integer("DISSOLUTION_DAYS", 1, 3650), RelationshipRules.defaults().repairDays(),
                        RelationshipRules.defaults().intimacyPurchases(),
                        RelationshipRules.defaults().intimacyRecencyDays()),
                reader.integer("MAX_IN_FLIGHT", 1, 1_000_000),
                reader.origins("CORS_ORIGINS"),
                reader.frameOrigins("PAGE_FRAME_ORIGINS"),
                reader.integer("HTTP_EVENT_LOOPS", 1, 256),
                reader.integer("NUM_STANDBY_REPLICAS", 0, 10),
                reader.apiKeys("API_KEYS"),
                reader.secret("FORWARDING_SECRET"),
                reader.integer("MAX_COPY_LAG", 0, 100_000_000),
                reader.integer("COMMIT_INTERVAL_MS", 10, 10_000),
                reader.integer("ROCKSDB_MEMORY_MB", 64, 1024 * 1024) * 1024L * 1024L,
                Duration.ofMillis(reader.integer("START_TIMEOUT_MS", 10_000, 86_400_000)),
                Duration.ofMillis(reader.integer("SHUTDOWN_DRAIN_MS", 0, 60_000)),
                reader.bool("CAMPAIGN_METRICS"),
                reader.channels("SITE_KEY_CHANNELS"),
                reader.oneOf("SITE_KEY_CONSENTS", "give-and-withdraw", "withdraw").equals("give-and-withdraw"),
                reader.eventTypes("SITE_KEY_EVENTS"),
                reader.timeZone("RULES_TIME_ZONE"),
                asGiven(values));
        if (config.embeddedKafka()) {
            refuseSharedPorts(config);
            if (config.replicationFactor() > 1) {
                throw new InvalidConfigException("REPLICATION_FACTOR must be 1 with the embedded broker, which is one"
                        + " broker; got " + config.replicationFactor());
            }
        }
        if (!config.embeddedKafka() && config.apiKeys().isEmpty()) {
            // Generated keys would differ per instance, so a cluster has to be told its keys.
            throw new InvalidConfigException("API_KEYS must be set when KAFKA_BOOTSTRAP_SERVERS is (role:key,...)");
        }
        return config;
    }

    /** The HTTP server and the embedded broker's two listeners each need a port of their own. */
    private static void refuseSharedPorts(ServiceConfig config) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PORT", config.port());
        ports.put("EMBEDDED_KAFKA_PORT", config.embeddedKafkaPort());
        ports.put("EMBEDDED_CONTROLLER_PORT", config.embeddedControllerPort());
        Map<Integer, String> taken = new HashMap<>();
        ports.forEach((key, port) -> {
            String other = port == 0 ? null : taken.putIfAbsent(port, key);
            if (other != null) {
                throw new InvalidConfigException(key + " and " + other + " are both " + port
                        + ": each needs a port of its own");
            }
        });
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException("config file " + file + " does not exist");
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new InvalidConfigException("unknown setting " + key + " in " + file + "; known: "
                        + String.join(", ", new java.util.TreeSet<>(DEFAULTS.keySet())));
            }
            values.put(key, properties.getProperty(key).trim());
        }
        return values;
    }
}
