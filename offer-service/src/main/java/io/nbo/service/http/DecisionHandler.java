package io.nbo.service.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nbo.decisioning.decision.DecisionFunnel;
import io.nbo.decisioning.decision.DecisionInputs;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.FunnelResult;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.events.Channels;
import io.nbo.schemas.topics.Topics;
import io.nbo.service.kafka.CommittedOffsets;
import io.nbo.service.kafka.EventPublisher;
import io.nbo.service.state.DecisionRecording;
import io.nbo.service.state.PendingContacts;
import io.nbo.service.state.RecentAnswers;
import io.nbo.service.state.RecentPresentations;
import io.nbo.service.state.ReadPosition;
import io.nbo.service.state.ReadToken;
import io.nbo.service.state.StateReader;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.query.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/customers/:customerId/offers}: runs the decision funnel on this instance's state, answers,
 * and appends the decision to the decision log, which the topology turns into contact history, learning and
 * campaign totals ({@code preview=true} decides without any of that). Decisions still in flight are merged into the contact history so caps hold exactly.
 * A customer whose partition another instance owns is decided there ({@link Forwarding}), so caps and
 * learning see one history per customer whichever instance was asked.
 */
public final class DecisionHandler {
    static final Set<String> CHANNELS = Channels.ALL;
    private static final Logger LOG = LoggerFactory.getLogger(DecisionHandler.class);
    private static final int DEFAULT_LIMIT = 3;
    /** How long a decision waits for the caller's own events to be reflected ({@code after}). */
    static final long READ_YOUR_WRITES_WAIT_MS = 2000;
    private static final long POSITION_POLL_MS = 5;
    /** After this long without the store reaching the position, the topology's committed offsets are asked too. */
    private static final long COMMITTED_FALLBACK_MS = 50;
    private static final Object[] CUSTOMER_LOCKS = java.util.stream.IntStream.range(0, 256)
            .mapToObj(i -> new Object()).toArray();
    private static final ThreadLocal<UniformRandomProvider> RANDOM =
            ThreadLocal.withInitial(RandomSource.XO_RO_SHI_RO_128_PP::create);

    private final StateReader state;
    private final io.nbo.service.access.SiteKeyLimits siteKey;
    private final DecisionFunnel funnel;
    private final PendingContacts pending;
    private final RecentPresentations recent;
    private final EventPublisher publisher;
    private final Forwarding forwarding;
    private final CommittedOffsets committed;
    private final Clock clock;
    private final Counter decisions;
    private final Counter coldStarts;
    private final Counter fallbacks;
    private final Counter logFailures;
    private final DecisionRecording recording;
    private final DecisionReplays replays;

    public DecisionHandler(StateReader state, DecisionFunnel funnel, PendingContacts pending,
                           RecentPresentations recent, EventPublisher publisher,
                           Forwarding forwarding, CommittedOffsets committed, DecisionRecording recording,
                           RecentAnswers answers, io.nbo.service.access.SiteKeyLimits siteKey, Clock clock, MeterRegistry registry) {
        this.siteKey = siteKey;
        this.recording = recording;
        this.state = state;
        this.committed = committed;
        this.funnel = funnel;
        this.pending = pending;
        this.recent = recent;
        this.publisher = publisher;
        this.forwarding = forwarding;
        this.clock = clock;
        this.replays = new DecisionReplays(answers, registry);
        this.decisions = Counter.builder("nbo.decisions").description("Offer decisions made").register(registry);
        this.coldStarts = Counter.builder("nbo.decisions.cold.start")
                .description("Decisions for someone with no history").register(registry);
        this.fallbacks = Counter.builder("nbo.decisions.fallback")
                .description("Decisions answered with a fallback offer").register(registry);
        this.logFailures = Counter.builder("nbo.decision.log.failures")
                .description("Decisions that could not be written to the decision log").register(registry);
        io.micrometer.core.instrument.Gauge.builder("nbo.decisions.recording", recording,
                        r -> r.trouble(DecisionRecording.now()) == null ? 1 : 0)
                .description("1 while decisions reach Kafka; 0 while they would not, and are refused").register(registry);
    }

    public void decide(RoutingContext ctx) {
        DecisionQuery query = DecisionQuery.parse(ctx, DEFAULT_LIMIT, CHANNELS, state.subjectPartitions());
        if (query == null) {
            return;
        }
        String refusedChannel = siteKey.refusedChannel(ctx, query.channel(), query.preview());
        if (refusedChannel != null) {
            Problems.send(ctx, 403, "forbidden", "Channel not admitted for this key", refusedChannel);
            return;
        }
        String named = forwarding.subjectNamedByPeer(ctx, query.customerId());
        if (named == null && forwarding.handledElsewhere(ctx, query.customerId())) {
            return;
        }
        long deadline = System.currentTimeMillis() + READ_YOUR_WRITES_WAIT_MS;
        if (named == null && query.after() != null && query.after().hasLoginOf(query.customerId())) {
            awaitLogin(ctx, query, deadline);
            return;
        }
        decideFor(ctx, query, deadline, named);
    }

    /**
     * Asked for a visitor with the token of the login that names them: the visitor's reads lead to the customer
     * once the login has reached the visitor's partition (one Kafka hop), so wait for that first.
     */
    private void awaitLogin(RoutingContext ctx, DecisionQuery query, long deadline) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (!state.resolve(query.customerId()).equals(query.customerId()) || System.currentTimeMillis() >= deadline) {
            decideFor(ctx, query, deadline, null);
            return;
        }
        ctx.vertx().setTimer(POSITION_POLL_MS, t -> awaitLogin(ctx, query, deadline));
    }

    /** @param named the customer a peer resolved the asked id to, or null to resolve it here */
    private void decideFor(RoutingContext ctx, DecisionQuery query, long deadline, String named) {
        String customerId = named != null ? named : state.resolve(query.customerId());
        if (!customerId.equals(query.customerId()) && forwarding.handledElsewhere(ctx, customerId)) {
            return;
        }
        if (query.after() == null) {
            decideNow(ctx, query, customerId, null);
            return;
        }
        int asked = Topics.partitionOf(query.customerId(), state.subjectPartitions());
        int owner = Topics.partitionOf(customerId, state.subjectPartitions());
        Position sentUnderAlias = ReadPosition.onPartition(query.after().position(), asked);
        if (customerId.equals(query.customerId()) || sentUnderAlias.isEmpty()) {
            awaitPosition(ctx, query, customerId, query.after().position(), deadline, true);
            return;
        }
        // Events sent under a stitched id reach the customer through one more hop, never written to a store
        // under the position the caller was given: follow them by the topology's committed offsets instead.
        Position ownOnly = asked == owner ? Position.emptyPosition()
                : ReadPosition.onPartition(query.after().position(), owner);
        Context eventLoop = ctx.vertx().getOrCreateContext();
        committed.awaitRerouted(ReadPosition.offsets(sentUnderAlias),
                        new TopicPartition(Topics.REROUTED_EVENTS.name(), owner), deadline)
                .whenComplete((rerouted, error) -> eventLoop.runOnContext(v ->
                        awaitPosition(ctx, query, customerId, ownOnly, deadline, error == null && rerouted)));
    }

    /**
     * Read-your-writes: wait (without blocking the event loop) until the customer's state includes the caller's
     * events and the visitors' sessions its logins merge; {@code reroutedReached} tells whether events sent under
     * a stitched id got there.
     */
    private void awaitPosition(RoutingContext ctx, DecisionQuery query, String customerId, Position bound,
                               long deadline, boolean reroutedReached) {
        new PositionWait(ctx, query, customerId, bound, deadline, reroutedReached).poll();
    }

    /** One caller waiting for its position; polled on the event loop that took the request. */
    private final class PositionWait {
        private final RoutingContext ctx;
        private final DecisionQuery query;
        private final String customerId;
        private final Position bound;
        private final long deadline;
        private final boolean reroutedReached;
        private final long fallbackAt = System.currentTimeMillis() + COMMITTED_FALLBACK_MS;
        private boolean fallbackStarted;
        private boolean passedByCommits;

        PositionWait(RoutingContext ctx, DecisionQuery query, String customerId, Position bound, long deadline,
                     boolean reroutedReached) {
            this.ctx = ctx;
            this.query = query;
            this.customerId = customerId;
            this.bound = bound;
            this.deadline = deadline;
            this.reroutedReached = reroutedReached;
        }

        void poll() {
            // A client that left while we waited sees no offers: deciding anyway would count them as shown.
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            StateReader.Progress progress;
            try {
                progress = state.progress(customerId, bound);
            } catch (RuntimeException e) {
                // Outside the route's own call, so handed to the failure handler by hand (a 503 when state is unreadable).
                ctx.fail(e);
                return;
            }
            boolean reached = (progress.reached() || passedByCommits) && sessionsMerged();
            if (reached || System.currentTimeMillis() >= deadline) {
                decideNow(ctx, query, customerId, new StateReader.Progress(reached && reroutedReached,
                        progress.position()));
                return;
            }
            if (!fallbackStarted && System.currentTimeMillis() >= fallbackAt) {
                fallbackStarted = true;
                committedInstead();
            }
            ctx.vertx().setTimer(POSITION_POLL_MS, t -> poll());
        }

        /**
         * A store's position moves only when a record writes to it: a repeat that was dropped, or an event passed
         * on to its customer, leaves it where it was. Past the record by the topology's committed offsets (and
         * past what it passed on to this partition) counts as reached too.
         */
        private void committedInstead() {
            int partition = Topics.partitionOf(customerId, state.subjectPartitions());
            Position onPartition = ReadPosition.onPartition(bound, partition);
            if (onPartition.isEmpty()) {
                return;
            }
            Context eventLoop = ctx.vertx().getOrCreateContext();
            committed.awaitRerouted(ReadPosition.offsets(onPartition),
                            new TopicPartition(Topics.REROUTED_EVENTS.name(), partition), deadline)
                    .whenComplete((passed, error) -> eventLoop.runOnContext(v ->
                            passedByCommits = error == null && passed));
        }

        /** A login's token also waits for the visitor's session, which the login sends two hops on. */
        private boolean sessionsMerged() {
            ReadToken token = query.after();
            return !token.hasLoginInto(customerId) || token.mergedInto(customerId,
                    state.profile(customerId).map(CustomerProfile::stitchedIds).orElse(java.util.List.of()));
        }
    }

    private void decideNow(RoutingContext ctx, DecisionQuery query, String customerId, StateReader.Progress progress) {
        long now = clock.millis();
        CustomerProfile profile = state.profile(customerId).orElse(CustomerProfile.empty(customerId));
        if (replays.answered(ctx, query, customerId, profile, now)) {
            return;
        }
        Long requestDeadline = ctx.get(AwaitWrite.DEADLINE);
        if (requestDeadline != null && System.currentTimeMillis() >= requestDeadline) {
            // Queued behind others past its deadline (whose timer waits in the same queue): a decision made now would
            // count as shown to a client that has most likely given up.
            Problems.unavailable(ctx, "the request did not finish within its deadline; nothing was decided");
            return;
        }
        String refusal = query.preview() ? null : recording.refusal(DecisionRecording.now());
        if (refusal != null) {
            Problems.unavailable(ctx, "decisions cannot be recorded now (" + refusal + "), and one that is not"
                    + " recorded escapes caps, learning and campaign results; retry later, or look with"
                    + " preview=true, which records nothing");
            return;
        }
        DecisionRequest request = new DecisionRequest(query.channel(), query.placement(), query.limit(),
                query.at() == null ? now : query.at(), query.quotesFacts());
        String decisionId = UUID.randomUUID().toString();
        FunnelResult result;
        DecisionRecord record;
        io.vertx.core.buffer.Buffer body;
        // Event loops run in parallel: one customer's decisions are made one at a time, so each sees the
        // presentations of the one before and caps hold exactly.
        synchronized (CUSTOMER_LOCKS[Math.floorMod(customerId.hashCode(), CUSTOMER_LOCKS.length)]) {
            // A retry that came in while its first was being decided finds that answer here.
            if (replays.answered(ctx, query, customerId, profile, now)) {
                return;
            }
            var history = state.contactHistory(customerId);
            DecisionInputs inputs = new DecisionInputs(customerId, profile,
                    pending.withInFlight(customerId, profile.stitchedIds(), history, now), state.offersForDecisions(),
                    memo(id -> state.campaignForDecisions(id).orElse(null)),
                    // Each offer's model is read once: a memo of a thousand offers cost more than it saved.
                    id -> state.modelForDecisions(id).orElse(null),
                    memo(id -> state.campaignStatsForDecisions(id).orElse(null)),
                    campaignId -> recent.atLeast(campaignId, now));
            result = funnel.decide(inputs, request, RANDOM.get());
            record = result.toRecord(decisionId, customerId, request, funnel.policy().name());
            if (!query.preview()) {
                pending.record(record);
                for (var offer : result.offers()) {
                    var campaign = inputs.campaigns().apply(offer.campaignId());
                    if (campaign != null && campaign.volumeCap() != null) {
                        var counted = inputs.stats().apply(offer.campaignId());
                        recent.record(offer.campaignId(), now, counted == null ? 0 : counted.treatment().presentations());
                    }
                }
            }
            // Remembered before the lock is let go, so a retry waiting for it finds the answer.
            if (DecisionReplays.remembered(query)) {
                body = render(query, customerId, progress, record, result, profile);
                replays.remember(query, customerId, profile, body, now);
            } else {
                body = null;
            }
        }
        if (!query.preview()) {
            DecisionRecord logged = record;
            long sentAt = DecisionRecording.now();
            recording.sent(sentAt);
            CompletableFuture<org.apache.kafka.clients.producer.RecordMetadata> write;
            try {
                write = publisher.publishDecision(record);
            } catch (RuntimeException e) {
                // Every write counted as sent must come back as written or failed, or the count would drift.
                write = CompletableFuture.failedFuture(e);
            }
            write.whenComplete((written, error) -> {
                if (error != null) {
                    logFailures.increment();
                    // Once per outage: a lost broker would otherwise write a line for every decision.
                    if (recording.failed(sentAt, DecisionRecording.now())) {
                        LOG.warn("Decision {} could not be written to Kafka ({}); decisions are refused with 503"
                                + " until one is written again", decisionId, error.getMessage());
                    }
                } else {
                    if (recording.written(sentAt, DecisionRecording.now())) {
                        LOG.info("Decisions are written to Kafka again");
                    }
                    pending.logged(logged, written.partition(), written.offset());
                }
            });
        }
        if (!query.preview()) {
            decisions.increment();
            if (profile.isNew()) {
                coldStarts.increment();
            }
            if (result.fallback()) {
                fallbacks.increment();
            }
        }
        ctx.response().putHeader("Content-Type", "application/json")
                .end(body != null ? body : render(query, customerId, progress, record, result, profile));
    }

    private io.vertx.core.buffer.Buffer render(DecisionQuery query, String customerId, StateReader.Progress progress,
                                               DecisionRecord record, FunnelResult result, CustomerProfile profile) {
        // A visitor's id is in the shop's pages, so whoever holds the public key and that id could otherwise learn
        // the customer behind it (an e-mail address, where ids are those): only keys that read profiles are told.
        boolean resolved = !customerId.equals(query.customerId());
        DecisionJson.Context context = new DecisionJson.Context(query.quotesFacts() ? customerId : query.customerId(),
                forwarding.self(), query.preview(), resolved && query.quotesFacts() ? query.customerId() : null,
                // The position read is the owning customer's partition, which would tell the same thing.
                progress == null || !query.quotesFacts() ? null : ReadPosition.format(progress.position()),
                progress == null ? null : progress.reached());
        return DecisionJson.render(record, result, !profile.isNew(), query.explain(), context);
    }

    /** Caches lookups for the length of one decision: each campaign is read once, however many offers name it. */
    private static <T> Function<String, T> memo(Function<String, T> lookup) {
        Map<String, T> seen = new HashMap<>();
        return id -> seen.computeIfAbsent(id, lookup);
    }
}
