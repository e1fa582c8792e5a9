package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What operators, monitors and other origins' pages get: health, metrics, the API's description, CORS. */
class OperationsIntegrationTest {
    @RegisterExtension
    static final RunningService RUNNING = new RunningService("nbo-operations");
    private static Http http;

    @BeforeAll
    static void client() {
        http = RUNNING.http();
    }

    @Test
    void shouldAllowWebsitesOnOtherOriginsToCallTheApi() throws Exception {
        java.net.http.HttpResponse<String> preflight = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + RUNNING.service().httpPort()
                                + "/v1/events"))
                        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://shop.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "Content-Type, X-API-Key, traceparent").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isIn(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .as("a shop's tracing header too").containsIgnoringCase("traceparent").containsIgnoringCase("X-API-Key");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("600");
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + RUNNING.service().httpPort()
                        + "/v1/offers")).header("Origin", "https://shop.example").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .as("a page can read why").containsIgnoringCase("WWW-Authenticate");
    }

    @Test
    void shouldReportHealthMetricsAndTheApiDescription() throws Exception {
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        Http.Reply ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("streams").asText()).isEqualTo("RUNNING");
        assertThat(ready.json().has("copiesBehind")).as(ready.toString()).isTrue();
        // Ready once the streams run; the stores' copies are counted as their tasks publish them, a moment later.
        await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                http.get("/health/ready").json().get("copiesMissing").asLong()).as("one instance holds every partition")
                .isZero());
        http.get("/v1/customers/metrics-probe/offers");

        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/customers/:customerId/offers\"");
        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_bucket{method=\"GET\","
                + "route=\"/v1/customers/:customerId/offers\",status=\"200\""))).as("20 bounds and +Inf, per series")
                .hasSize(21);
        assertThat(metrics).containsPattern("nbo_decisions_total [1-9]");
        // The dead-letter count appears with its first read of the topic.
        await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/metrics").body()).containsPattern("nbo_dead_letters [0-9]"));
        assertThat(metrics).contains("kafka_stream");

        Http.Reply openApi = http.get("/openapi.yaml");
        assertThat(openApi.contentType()).startsWith("application/yaml");
        assertThat(openApi.body()).contains("/v1/customers/{customerId}/offers:", "/v1/customers/{customerId}:",
                "/v1/events:", "/v1/responses:", "/v1/offers:", "/v1/offers/{offerId}:", "/health/live:",
                "/health/ready:", "/metrics:", "/openapi.yaml:", "/v1/ping:", "/v1/campaigns:",
                "/v1/campaigns/{campaignId}:", "/v1/campaigns/{campaignId}/stats:", "/v1/customers/{customerId}/stream:",
                "/v1/campaigns/{campaignId}/stream:", "/v1/stats/campaigns:", "/call-centre:", "/dashboard:");
        assertThat(http.get("/v1/ping").body()).isEqualTo("{\"pong\":true}");
        assertThat(http.get("/").json().get("dashboard").asText()).isEqualTo("/dashboard");
        assertThat(http.get("/").json().get("callCentre").asText()).isEqualTo("/call-centre");
        Http.Reply page = http.get("/ui/dashboard.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).as("an unversioned page is asked for again").isEqualTo("no-cache");
        assertThat(page.header("Content-Security-Policy")).as("scripts and frames from this origin only")
                .contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        Http.Reply slash = http.get("/ui/dashboard.html/");
        assertThat(slash.status()).as("one trailing slash is ignored, not served as a download").isEqualTo(302);
        assertThat(slash.header("Location")).isEqualTo("/ui/dashboard.html");
        for (String folder : List.of("/ui", "/ui/")) {
            Http.Reply index = http.get(folder);
            assertThat(index.status()).as(folder + " has no page of its own").isEqualTo(302);
            assertThat(index.header("Location")).as("the index names the screens").isEqualTo("/");
        }
        for (String escaped : List.of("/ui/dashboard.html%2F", "/ui/dashboard.html%5C",
                "/webjars/chart.js/4.4.1/dist/chart.umd.js%2F")) {
            Http.assertProblem(http.get(escaped), 404, "/problems/not-found");
        }
        assertThat(http.get("/webjars/chart.js/4.4.1/dist/chart.umd.js").header("Cache-Control"))
                .as("a versioned library may be kept").contains("max-age");
        assertThat(openApi.body()).contains("$ref: 'schemas/v1/offer.schema.json'");
        Http.Reply contract = new Http("http://127.0.0.1:" + RUNNING.service().httpPort(), null).get("/schemas/v1/offer.schema.json");
        assertThat(contract.status()).as("open, like the OpenAPI document").isEqualTo(200);
        assertThat(contract.json().has("$id")).as("refs resolve to the served copies").isFalse();
        assertThat(contract.json().at("/properties/campaignId/$ref").asText()).isEqualTo("common.schema.json#/$defs/id");
        assertThat(http.get("/schemas/v1/common.schema.json").json().at("/$defs/id/pattern").asText()).startsWith("^");
        Http.assertProblem(http.get("/schemas/v1/nothing.json"), 404, "/problems/schema-not-found");
        java.util.regex.Matcher referred = java.util.regex.Pattern.compile("schemas/v1/[a-z-]+\\.schema\\.json")
                .matcher(openApi.body());
        java.util.Set<String> schemas = new java.util.TreeSet<>();
        while (referred.find()) {
            schemas.add(referred.group());
        }
        assertThat(schemas).contains("schemas/v1/offer-write.schema.json", "schemas/v1/campaign-write.schema.json");
        schemas.add("schemas/v1/decision-log.schema.json");
        for (String schema : schemas) {
            assertThat(http.get("/" + schema).status()).as(schema).isEqualTo(200);
        }
        JsonNode document = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(openApi.body());
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(operation -> List.of("get", "put", "post", "delete").contains(operation.getKey()))
                .forEach(operation -> {
                    String named = operation.getKey() + " " + path.getKey();
                    assertThat(operationIds.add(operation.getValue().path("operationId").asText()))
                            .as("%s has an operationId of its own", named).isTrue();
                    assertThat(operation.getValue().path("tags")).as(named).isNotEmpty();
                    assertThat(operation.getValue().at("/responses/default/$ref").asText())
                            .as("%s: a status it does not list is a problem", named)
                            .isEqualTo("#/components/responses/Problem");
                }));
        assertThat(operationIds).contains("decideOffers", "collectEvents").doesNotContain("");
        for (String health : List.of("/health/live", "/health/ready")) {
            assertThat(http.documentedSchema("Health").validate(http.get(health).json())).as(health).isEmpty();
        }
        JsonNode offerBody = http.get("/schemas/v1/offer-write.schema.json").json();
        assertThat(offerBody.get("required").toString()).doesNotContain("offerId").contains("campaignId");
        assertThat(http.get("/schemas/v1/campaign-write.schema.json").json().get("required").toString())
                .doesNotContain("campaignId").contains("name");
    }
    @Test
    void shouldTellWhatAPathTakesOnAPlainOptionsRequest() {
        Http anonymous = new Http("http://127.0.0.1:" + RUNNING.service().httpPort(), null);

        Http.Reply offer = anonymous.send("OPTIONS", "/v1/offers/any-offer", null);
        assertThat(offer.status()).as("no key needed to ask").isEqualTo(204);
        assertThat(offer.allow()).isEqualTo("DELETE, GET, HEAD, PUT, OPTIONS");
        assertThat(anonymous.send("OPTIONS", "/v1/ping", null).allow()).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(anonymous.send("OPTIONS", "/ui/dashboard.html", null).allow()).isEqualTo("GET, HEAD, OPTIONS");
        Http.assertProblem(anonymous.send("OPTIONS", "/nothing-here", null), 404, "/problems/not-found");
        Http.assertProblem(anonymous.send("OPTIONS", "/v1/nothing-here", null), 401, "/problems/unauthorized");
    }

    @Test
    void shouldKeepEveryRocksDbStoreWithinOneMemoryBudget() {
        // Kafka Streams would give each store partition, segment and global store a 50 MiB cache of its own.
        // Its metrics reach /metrics with Micrometer's once-a-minute look for new ones.
        double budget = 256.0 * 1024 * 1024;
        await().atMost(java.time.Duration.ofSeconds(100)).untilAsserted(() -> {
            String metrics = http.get("/metrics").body();
            assertThat(gaugeValues(metrics, "kafka_stream_state_block_cache_capacity")).as("global and partitioned stores")
                    .hasSizeGreaterThan(6).containsOnly(budget);
        });
    }

    private static java.util.List<Double> gaugeValues(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).toList();
    }
}
