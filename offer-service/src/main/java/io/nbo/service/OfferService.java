package io.nbo.service;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nbo.decisioning.decision.DecisionFunnel;
import io.nbo.decisioning.decision.DecisionPolicy;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.relationship.RelationshipAssessor;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.topics.Topics;
import io.nbo.service.access.Access;
import io.nbo.service.access.SiteKeyLimits;
import io.nbo.service.access.ApiKey;
import io.nbo.service.access.GeneratedKeys;
import io.nbo.service.access.Role;
import io.nbo.service.config.FreePorts;
import io.nbo.service.config.InvalidConfigException;
import io.nbo.service.config.StateDirLock;
import io.nbo.service.config.ServiceConfig;
import io.nbo.service.embedded.BrokerProcess;
import io.nbo.service.http.CampaignStatsHandler;
import io.nbo.service.http.CatalogueHandler;
import io.nbo.service.http.Catalogues;
import io.nbo.service.http.CustomerHandler;
import io.nbo.service.http.DecisionHandler;
import io.nbo.service.http.EventHandler;
import io.nbo.service.http.Forwarding;
import io.nbo.service.http.HttpMetrics;
import io.nbo.service.http.HttpServers;
import io.nbo.service.http.Problems;
import io.nbo.service.http.LoadShedding;
import io.nbo.service.http.OperationsHandler;
import io.nbo.service.http.Routes;
import io.nbo.service.kafka.CommittedOffsets;
import io.nbo.service.kafka.DeadLetterMonitor;
import io.nbo.service.kafka.EventPublisher;
import io.nbo.service.kafka.GlobalStoreRecovery;
import io.nbo.service.kafka.TopicSetup;
import io.nbo.service.kafka.StreamFailures;
import io.nbo.service.kafka.StreamsLifecycle;
import io.nbo.service.kafka.UnplannedStop;
import io.nbo.service.state.ChangeWatchers;
import io.nbo.service.metrics.CampaignMetrics;
import io.nbo.service.metrics.EventFreshness;
import io.nbo.service.state.CopyLag;
import io.nbo.service.state.DecisionRecording;
import io.nbo.service.state.KeyOwners;
import io.nbo.service.state.PendingContacts;
import io.nbo.service.state.RecentAnswers;
import io.nbo.service.state.RecentPresentations;
import io.nbo.service.state.StateReader;
import io.nbo.topology.ActiveStores;
import io.nbo.topology.OfferTopology;
import io.nbo.topology.StreamsSettings;
import io.nbo.topology.TopologyConfig;
import io.nbo.topology.profile.ProfileProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: (embedded broker) → topics → Kafka Streams topology → HTTP API.
 * {@link #start} returns once the HTTP server listens and the streams instance is RUNNING.
 */
public final class OfferService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OfferService.class);

    private final List<AutoCloseable> resources;
    private final ServiceConfig config;
    private final String bootstrapServers;
    private final KafkaStreams streams;
    private final int httpPort;
    private final List<ApiKey> apiKeys;
    private final UnplannedStop unplannedStop;

    private OfferService(List<AutoCloseable> resources, ServiceConfig config, String bootstrapServers,
                         KafkaStreams streams, int httpPort, List<ApiKey> apiKeys, UnplannedStop unplannedStop) {
        this.apiKeys = apiKeys;
        this.unplannedStop = unplannedStop;
        this.resources = resources;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.streams = streams;
        this.httpPort = httpPort;
    }

    public static OfferService start(ServiceConfig config) throws Exception {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return start(config, resources);
        } catch (Exception | Error e) {
            closeAll(resources);
            throw e;
        }
    }

    private static OfferService start(ServiceConfig config, List<AutoCloseable> resources) throws Exception {
        Path stateDir = config.stateDir().toAbsolutePath();
        // Other instances reach this one on the advertised port, so it has to be known before Streams starts.
        int port = config.port() == 0 ? freePort() : config.port();
        FreePorts.require("PORT", config.host(), port);
        if (config.embeddedKafka()) {
            FreePorts.require("EMBEDDED_KAFKA_PORT", "localhost", config.embeddedKafkaPort());
            FreePorts.require("EMBEDDED_CONTROLLER_PORT", "localhost", config.embeddedControllerPort());
        }
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new InvalidConfigException("STATE_DIR: " + stateDir + " cannot be created (" + e + ")");
        }
        resources.add(StateDirLock.acquire(stateDir));
        String bootstrap = config.bootstrapServers();
        if (config.embeddedKafka()) {
            BrokerProcess broker = BrokerProcess.start(stateDir.resolve("kafka"), config.embeddedKafkaPort(),
                    config.embeddedControllerPort(), config.topicPartitions());
            resources.add(broker);
            bootstrap = broker.bootstrapServers();
        }
        LOG.info("Connecting to Kafka at {}", bootstrap);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> created = TopicSetup.ensureTopics(admin, config.topicPartitions(), config.replicationFactor());
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
        } catch (TimeoutException e) {
            throw new InvalidConfigException("Kafka at " + bootstrap + (config.embeddedKafka() ? " (embedded)"
                    : " (KAFKA_BOOTSTRAP_SERVERS)") + " did not answer: is it running, and reachable from here?");
        } catch (ExecutionException e) {
            throw new InvalidConfigException("Kafka at " + bootstrap + " refused to create the topics: "
                    + e.getCause().getMessage());
        }

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new io.nbo.service.metrics.UnrecordedStreamsMetrics());
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        resources.add(gcMetrics);

        EventPublisher publisher = new EventPublisher(bootstrap);
        resources.add(publisher);
        publisher.warmUp();

        int customerPartitions = customerPartitions(publisher::partitionCount);
        if (customerPartitions != config.topicPartitions()) {
            LOG.warn("TOPIC_PARTITIONS is {}, but the topics exist with {} partitions, which are used: a topic's"
                    + " partitions stay as created, since more would move customers away from their state",
                    config.topicPartitions(), customerPartitions);
        }
        TopologyConfig topologyConfig = new TopologyConfig(ProfileRules.defaults(), TopologyConfig.defaults().dedupWindow(),
                config.attributionWindow(), config.forgettingHalfLife(), customerPartitions);
        ActiveStores running = new ActiveStores();
        running.listenToArrivals(new EventFreshness(registry));
        ChangeWatchers changes = new ChangeWatchers();
        running.listenToChanges(changes);
        RecentAnswers answers = new RecentAnswers();
        // Where each id is erased (a visitor on its own partition too), its remembered answers go.
        running.listenToErasures(answers::forget);
        GlobalStoreRecovery globalStores = new GlobalStoreRecovery(stateDir, stateDir.resolve("streams"),
                config.applicationId());
        globalStores.beforeStart();
        KafkaStreams streams = new KafkaStreams(OfferTopology.build(topologyConfig, running), StreamsSettings.properties(
                config.applicationId(), bootstrap, stateDir.resolve("streams").toString(),
                config.advertisedHost() + ":" + port, config.replicationFactor(), config.streamThreads(),
                config.standbyReplicas(), config.commitIntervalMs(), config.rocksDbMemoryBytes(), config.maxCopyLag()));
        StreamFailures streamFailures = new StreamFailures();
        streams.setUncaughtExceptionHandler(streamFailures);
        resources.add(() -> globalStores.close(streams));
        UnplannedStop unplannedStop = new UnplannedStop();
        // Resources close in reverse order: this runs just before the close above.
        resources.add(unplannedStop::closing);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        resources.add(streamsMetrics);
        DeadLetterMonitor deadLetters = new DeadLetterMonitor(bootstrap, registry);
        resources.add(deadLetters);
        CommittedOffsets committedOffsets = new CommittedOffsets(bootstrap, config.applicationId());
        resources.add(committedOffsets);
        CopyLag copyLag = new CopyLag(streams);
        resources.add(copyLag);
        streams.setGlobalStateRestoreListener(copyLag.restoreListener());
        KeyOwners owners = new KeyOwners(streams, ProfileProcessor.PROFILE_STORE, customerPartitions);
        // Once running, a rebalance (a peer joining or lost) leaves this instance serving what it holds: it stays
        // ready, or a balancer would take the last instance out while the group waits out a lost peer's session.
        java.util.concurrent.atomic.AtomicBoolean servedBefore = new java.util.concurrent.atomic.AtomicBoolean();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                servedBefore.set(true);
            }
            StreamsLifecycle.changed(streams, now, before);
            owners.onStateChange();
            unplannedStop.onChange(now, before);
        });
        streams.start();

        Vertx vertx = Vertx.vertx();
        // Every request has its deadline, so that is all a stop waits for them (plus the answer's way out).
        long shutdownGrace = config.requestTimeout().toMillis() + 1000;
        resources.add(() -> vertx.close().await(shutdownGrace + 10_000, TimeUnit.MILLISECONDS));
        StateReader state = new StateReader(streams, running, copyLag, config.maxCopyLag(), customerPartitions);
        Clock clock = Clock.systemUTC();
        PendingContacts pending = new PendingContacts();
        RecentPresentations recent = new RecentPresentations();
        vertx.setPeriodic(5000, id -> {
            pending.expire(clock.millis());
            recent.expire(clock.millis());
        });
        vertx.setPeriodic(PendingContacts.RECORDED_CHECK_MILLIS, id -> pending.forgetRecorded(state::decisionsProcessed,
                customerId -> {
                    // A visitor now leading to a customer; where that cannot be read here, the visitor stays one.
                    try {
                        return !state.resolve(customerId).equals(customerId);
                    } catch (RuntimeException e) {
                        return false;
                    }
                }));
        DecisionPolicy policy = new DecisionPolicy(config.policy(), config.choiceDraws(), config.forgettingHalfLife(),
                config.channelCaps(), topologyConfig.profileRules(), config.relationshipRules(), config.ruleTimeZone());
        if (!config.apiKeys().isEmpty()) {
            GeneratedKeys.forgetGenerated(stateDir);
        }
        List<ApiKey> apiKeys = config.apiKeys().isEmpty() ? GeneratedKeys.create(stateDir) : config.apiKeys();
        Access access = new Access(apiKeys, config.forwardingSecret());
        SiteKeyLimits siteKey = new SiteKeyLimits(config.siteKeyChannels(), config.siteKeyGivesConsent(),
                config.siteKeyEvents());
        Forwarding forwarding = new Forwarding(owners, new HostInfo(config.advertisedHost(), port),
                WebClient.create(vertx), Forwarding.peerTimeoutMs(config.requestTimeout().toMillis()),
                access.forwardingToken());
        DecisionRecording recording = new DecisionRecording();
        java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
        Routes.Handlers handlers = new Routes.Handlers(
                new DecisionHandler(state, new DecisionFunnel(policy), pending, recent, publisher, forwarding,
                        committedOffsets, recording, answers, siteKey, clock, registry),
                new EventHandler(new EventCodec(clock), publisher, siteKey, registry),
                new CustomerHandler(state, topologyConfig.profileRules(),
                        new RelationshipAssessor(config.relationshipRules()), forwarding, publisher, pending, clock,
                        changes),
                new CatalogueHandler<>(Catalogues.offers(state), publisher),
                new CatalogueHandler<>(Catalogues.campaigns(state), publisher),
                new CampaignStatsHandler(state, clock),
                new OperationsHandler(streams, registry,
                        config.campaignMetrics() ? new CampaignMetrics(state, registry)::refresh : () -> { },
                        describe(config, apiKeys, customerPartitions), copyLag, customerPartitions, recording, draining,
                        unplannedStop::happened, servedBefore::get, streamFailures::repeatedFailure),
                new HttpMetrics(registry),
                new LoadShedding(config.maxInFlight(), registry));
        var router = Routes.router(vertx, handlers, access, config.bodyLimitBytes(), config.requestTimeout().toMillis(),
                config.corsOrigins(), config.pageFrameOrigins());
        // HTTP/1.1 only in clear text (TLS and HTTP/2 belong to the proxy in front): Vert.x drops the body of a
        // HEAD answer on HTTP/1.1, but would send it over an h2c upgrade.
        String servers = HttpServers.listen(vertx, router, Problems.unreadableRequests(config.corsOrigins().contains("*")),
                new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setHost(config.host())
                .setIdleTimeout(60)
                .setMaxInitialLineLength(8192), port, config.httpEventLoops(), shutdownGrace);
        // The servers stop before the rest of Vert.x: a request in progress may be waiting on the client that
        // forwards it to the customer's owner, which closes with Vert.x.
        resources.add(() -> vertx.undeploy(servers).await(shutdownGrace + 10_000, TimeUnit.MILLISECONDS));

        StreamsLifecycle.awaitRunning(streams, config.startTimeout());
        // Closed first: the instance says it is not ready, and keeps answering while a load balancer notices.
        // A failed instance answers nothing useful: no drain holds its restart back.
        resources.add(() -> drain(draining, unplannedStop.happened() ? Duration.ZERO : config.shutdownDrain()));
        OfferService service = new OfferService(resources, config, bootstrap, streams, port,
                apiKeys, unplannedStop);
        LOG.info("Offer service listening on {}", service.url());
        return service;
    }

    private static void drain(java.util.concurrent.atomic.AtomicBoolean draining, Duration drain)
            throws InterruptedException {
        if (drain.isZero()) {
            return;
        }
        draining.set(true);
        LOG.info("Stopping: not ready, still answering for {} ms (SHUTDOWN_DRAIN_MS)", drain.toMillis());
        Thread.sleep(drain.toMillis());
    }

    /**
     * The partition count shared by the topics keyed by customer. Stores are read at the partition computed
     * from the key, so topics created outside this service with differing counts would make reads miss:
     * refuse to start instead.
     */
    static int customerPartitions(java.util.function.ToIntFunction<String> partitionsOf) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (var topic : Topics.customerKeyed()) {
            counts.put(topic.name(), partitionsOf.applyAsInt(topic.name()));
        }
        if (new java.util.HashSet<>(counts.values()).size() != 1) {
            throw new IllegalStateException("the topics keyed by customer must all have the same number of "
                    + "partitions, but they have " + counts);
        }
        return counts.values().iterator().next();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String url() {
        return "http://" + config.advertisedHost() + ":" + httpPort;
    }

    /** The keys this instance admits: configured, or generated for this run. */
    public List<ApiKey> apiKeys() {
        return apiKeys;
    }

    /** The first key holding {@code role}; admin keys stand in when no key names the role. */
    public String keyFor(Role role) {
        return apiKeys.stream().filter(key -> key.role() == role).findFirst()
                .or(() -> apiKeys.stream().filter(key -> key.role() == Role.ADMIN).findFirst())
                .map(ApiKey::secret).orElseThrow(() -> new IllegalStateException("no key for " + role.id()));
    }

    public int httpPort() {
        return httpPort;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Completes when Kafka Streams stopped or failed without this service being closed: time to end the process. */
    public java.util.concurrent.CompletionStage<KafkaStreams.State> streamsStoppedOnTheirOwn() {
        return unplannedStop.whenStopped();
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", resources.get(i), e);
            }
        }
        resources.clear();
    }

    /** The settings as admins read them, with the keys actually in use (generated ones too), by role only. */
    private static java.util.Map<String, String> describe(ServiceConfig config, List<ApiKey> keysInUse,
                                                          int customerPartitions) {
        java.util.Map<String, String> settings = new java.util.TreeMap<>(config.describe());
        if (customerPartitions != config.topicPartitions()) {
            settings.put("TOPIC_PARTITIONS", customerPartitions + " (the topics' own; " + config.topicPartitions()
                    + " was asked for)");
        }
        if (config.apiKeys().isEmpty()) {
            settings.put("API_KEYS", keysInUse.stream().map(key -> key.role().id()).distinct().sorted()
                    .collect(java.util.stream.Collectors.joining(", ", "roles: ", " (generated at start, in api-keys.env)")));
        }
        return settings;
    }
}
