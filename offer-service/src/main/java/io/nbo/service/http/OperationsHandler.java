package io.nbo.service.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nbo.service.state.CopyLag;
import io.nbo.service.state.DecisionRecording;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** Health, metrics and the API description: what operators and tooling poll. */
public final class OperationsHandler {
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;
    private static final Buffer PONG = Buffer.buffer("{\"pong\":true}");
    private final Buffer openApi;
    private final JsonObject settings;

    private final CopyLag copyLag;
    private final int partitions;
    private final DecisionRecording recording;
    private final java.util.concurrent.atomic.AtomicBoolean draining;
    /** Reads the gauges that come from state (campaign results) when scraped, not on a timer of their own. */
    private final Runnable beforeScrape;
    private final java.util.function.BooleanSupplier streamsStoppedOnTheirOwn;
    private final java.util.function.BooleanSupplier servedBefore;
    private final java.util.function.Supplier<String> threadsFailing;

    public OperationsHandler(KafkaStreams streams, PrometheusMeterRegistry registry, Runnable beforeScrape,
                             java.util.Map<String, String> settings, CopyLag copyLag, int partitions,
                             DecisionRecording recording, java.util.concurrent.atomic.AtomicBoolean draining,
                             java.util.function.BooleanSupplier streamsStoppedOnTheirOwn,
                             java.util.function.BooleanSupplier servedBefore,
                             java.util.function.Supplier<String> threadsFailing) {
        this.threadsFailing = threadsFailing;
        this.streamsStoppedOnTheirOwn = streamsStoppedOnTheirOwn;
        this.servedBefore = servedBefore;
        this.beforeScrape = beforeScrape;
        this.recording = recording;
        this.draining = draining;
        this.partitions = partitions;
        this.copyLag = copyLag;
        this.settings = new JsonObject(new java.util.LinkedHashMap<>(settings));
        this.streams = streams;
        this.registry = registry;
        this.openApi = Buffer.buffer(resource("/openapi.yaml"));
    }

    /**
     * Down only once Kafka Streams stopped or failed on its own: the process cannot recover from that and ends,
     * and an orchestrator probing in between should restart it rather than wait.
     */
    public void live(RoutingContext ctx) {
        if (streamsStoppedOnTheirOwn.getAsBoolean()) {
            ctx.response().setStatusCode(503);
            answer(ctx, new JsonObject().put("status", "DOWN").put("streams", streams.state().name()));
        } else {
            answer(ctx, new JsonObject().put("status", "UP"));
        }
    }

    /**
     * Ready while the streams instance is RUNNING, or rebalancing once it has run (its first run waits for its
     * stores to be complete; later rebalances leave it serving what it holds), and it is not stopping. Whether
     * decisions reach Kafka is reported, not made a condition: an instance taken out of a balancer's rotation would
     * get no decisions to probe Kafka with, and could never come back.
     */
    public void ready(RoutingContext ctx) {
        KafkaStreams.State state = streams.state();
        String trouble = recording.trouble(DecisionRecording.now());
        // How far the furthest-behind local copy (active, restoring or standby) is from its changelog.
        JsonObject body = new JsonObject().put("streams", state.name()).put("copiesBehind", copyLag.largest())
                .put("copiesMissing", copyLag.copiesMissing(partitions))
                .put("decisions", trouble == null ? "RECORDED" : "REFUSED: " + trouble);
        if (draining.get()) {
            body.put("stopping", true);
        }
        String failing = threadsFailing.get();
        if (failing != null) {
            body.put("streamThreads", "FAILING: " + failing);
        }
        boolean serving = state == KafkaStreams.State.RUNNING
                || (state == KafkaStreams.State.REBALANCING && servedBefore.getAsBoolean());
        if (serving && !draining.get() && failing == null) {
            answer(ctx, body.put("status", "UP"));
        } else {
            ctx.response().setStatusCode(503).putHeader("Retry-After", "1");
            answer(ctx, body.put("status", "DOWN"));
        }
    }

    /** Monitors often probe health with HEAD: the same status and headers, without the body. */
    private static void answer(RoutingContext ctx, JsonObject body) {
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Type", "application/json").end();
        } else {
            ctx.json(body);
        }
    }

    /** Serialised: gauges read at scrape time are registered again then, and two scrapes at once would interleave. */
    public void metrics(RoutingContext ctx) {
        String text;
        synchronized (this) {
            beforeScrape.run();
            text = registry.scrape();
        }
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text);
    }

    /** The configuration this instance runs with, for admins checking a deployment. */
    public void configuration(RoutingContext ctx) {
        java.util.SortedSet<String> active = new java.util.TreeSet<>();
        java.util.SortedSet<String> standby = new java.util.TreeSet<>();
        if (streams.state().isRunningOrRebalancing()) {
            streams.metadataForLocalThreads().forEach(thread -> {
                thread.activeTasks().forEach(task -> active.add(task.taskId().toString()));
                thread.standbyTasks().forEach(task -> standby.add(task.taskId().toString()));
            });
        }
        // The work this instance holds, by Kafka Streams' task ids (subtopology_partition), as its logs name them.
        JsonObject tasks = new JsonObject().put("active", new io.vertx.core.json.JsonArray(List.copyOf(active)))
                .put("standby", new io.vertx.core.json.JsonArray(List.copyOf(standby)));
        ctx.json(new JsonObject().put("settings", settings).put("streams", streams.state().name())
                .put("tasks", tasks));
    }

    /**
     * The JSON Schemas requests are validated with, which the OpenAPI document refers to. Served without their
     * {@code $id}, so the references between them resolve to the copies served here.
     */
    public void contract(RoutingContext ctx) {
        String name = ctx.pathParam("schema");
        String written = WRITE_BODIES.get(name);
        String contract = written != null ? written : name;
        byte[] schema = CONTRACTS.contains(contract) ? resource("/schemas/v1/" + contract) : null;
        if (schema == null) {
            Problems.send(ctx, 404, "schema-not-found", "Schema not found", "there is no schema " + name
                    + "; schemas: " + String.join(", ", CONTRACTS) + ", " + String.join(", ", WRITE_BODIES.keySet()));
            return;
        }
        JsonObject json = new JsonObject(Buffer.buffer(schema));
        json.remove("$id");
        if (written != null) {
            // A PUT names the id in its path, so its body may leave it out.
            String id = written.substring(0, written.indexOf('.')) + "Id";
            json.put("required", new io.vertx.core.json.JsonArray(json.getJsonArray("required").stream()
                    .filter(field -> !field.equals(id)).toList()));
            json.put("description", (json.getString("description", "") + " As a PUT body: " + id
                    + " may be left out; it is taken from the path (given, it must match).").trim());
        }
        ctx.response().putHeader("Content-Type", "application/schema+json").end(json.encodePrettily());
    }

    private static final java.util.List<String> CONTRACTS = java.util.List.of("campaign.schema.json",
            "clickstream-event.schema.json", "common.schema.json", "customer-update.schema.json",
            "decision-log.schema.json",
            "feedback-event.schema.json", "offer-response.schema.json", "offer.schema.json", "rule.schema.json",
            "rule-values.schema.json", "transaction-event.schema.json");
    /** The bodies of PUT /v1/offers/{offerId} and PUT /v1/campaigns/{campaignId}, by the contract they follow. */
    private static final Map<String, String> WRITE_BODIES = new java.util.TreeMap<>(Map.of(
            "campaign-write.schema.json", "campaign.schema.json", "offer-write.schema.json", "offer.schema.json"));

    public void openApi(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/yaml").end(openApi);
    }

    /** The cheapest possible answer from the same server and router: the load tests' ceiling baseline. */
    public void ping(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end(PONG);
    }

    public void index(RoutingContext ctx) {
        ctx.json(new JsonObject()
                .put("service", "next-best-offer")
                .put("openapi", "/openapi.yaml")
                .put("health", "/health/ready")
                .put("metrics", "/metrics")
                .put("callCentre", "/call-centre")
                .put("dashboard", "/dashboard"));
    }

    private static byte[] resource(String name) {
        try (InputStream in = OperationsHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
