package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a URL may carry beside its path: the decision route's parameters (among them {@code after}, to read one's own
 * writes), and a key only where a route takes one.
 */
class UrlParametersIntegrationTest {
    @RegisterExtension
    static final RunningService RUNNING = new RunningService("nbo-url");
    private static Http http;

    @BeforeAll
    static void client() {
        http = RUNNING.http();
    }

    @Test
    void shouldRefuseQueryParametersWhereARouteTakesNone() {
        Http.Reply paged = http.get("/v1/offers?limit=1");
        Http.assertProblem(paged, 400, "/problems/invalid-parameter");
        assertThat(paged.json().get("detail").asText())
                .isEqualTo("'limit' is not a parameter of this route, which takes none");
        for (String path : List.of("/v1/campaigns?page=2", "/v1/stats/campaigns?x=1", "/v1/admin/config?x",
                "/v1/customers/c1?fields=spend", "/v1/campaigns/summer/stats?from=2026-01-01", "/v1/ping?x=1")) {
            Http.assertProblem(http.get(path), 400, "/problems/invalid-parameter");
        }
        Http.assertProblem(http.post("/v1/events?dryRun=true", """
                {"type":"page_view","eventId":"q-1","customerId":"q-1","timestamp":"%s","channel":"web"}"""
                .formatted(now())), 400, "/problems/invalid-parameter");
        assertThat(http.get("/v1/offers?").status()).as("an empty query is none").isEqualTo(200);
        Http.Reply beacon = new Http(base(), null).send("POST", "/v1/events?api_key=" + TestServices.SITE_KEY + "&x=1",
                "[]", "Content-Type", "application/json");
        Http.assertProblem(beacon, 400, "/problems/invalid-parameter");
        assertThat(beacon.json().get("detail").asText()).as("the key it took in the URL is not denied")
                .isEqualTo("'x' is not a parameter of this route, which takes none but the key (api_key)");
        Http.Reply keyInHeader = http.post("/v1/events?x=1", "[]");
        assertThat(keyInHeader.json().get("detail").asText()).as("nor when the key came in a header")
                .isEqualTo("'x' is not a parameter of this route, which takes none but the key (api_key)");
        Http.Reply pingWithKey = new Http(base(), null).get("/v1/ping?api_key=" + TestServices.SITE_KEY);
        Http.assertProblem(pingWithKey, 400, "/problems/bad-request");
        assertThat(pingWithKey.body()).as("an open route takes no key in its URL, which logs keep")
                .contains("a key in the URL (api_key) is accepted only by").doesNotContain(TestServices.SITE_KEY);
    }

    @Test
    void shouldRefusePathParametersWithoutEchoingThem() {
        String key = TestServices.SITE_KEY;
        Http.Reply keyInPath = new Http(base(), null).get("/v1/customers/c1/offers;api_key=" + key + "?channel=web");

        Http.assertProblem(keyInPath, 400, "/problems/invalid-parameter");
        assertThat(keyInPath.body()).doesNotContain(key);
        assertThat(keyInPath.json().get("instance").asText()).isEqualTo("/v1/customers/c1/offers");
        Http.Reply encoded = new Http(base(), null).get("/v1/customers/c1%3Bapi_key=" + key + "/offers");
        assertThat(encoded.status()).isBetween(400, 401);
        assertThat(encoded.body()).as("an escaped ';' too").doesNotContain(key);
    }

    @Test
    void shouldReadItsOwnWritesWhenAskedToWaitForThem() {
        String customer = "url-" + UUID.randomUUID();
        Http.Reply written = http.post("/v1/events", """
                {"type":"add_to_cart","eventId":"%1$s-c","customerId":"%1$s","timestamp":"%2$s","channel":"web",
                 "productId":"b1","category":"books"}""".formatted(customer, now()));
        String token = written.json().get("readAfter").asText();
        assertThat(token).matches("clickstream:\\d+:\\d+");

        JsonNode decision = http.get("/v1/customers/" + customer + "/offers?channel=web&placement=home&after="
                + token).json();

        assertThat(decision.get("positionReached").asBoolean()).isTrue();
        assertThat(decision.get("knownCustomer").asBoolean()).as("the decision reflects the event just sent").isTrue();
        assertThat(decision.get("position").asText()).startsWith("clickstream:" + token.split(":")[1] + ":");
        Http.assertProblem(http.get("/v1/customers/" + customer + "/offers?after=nonsense"), 400,
                "/problems/invalid-parameter");
        Http.Reply otherTopic = http.get("/v1/customers/" + customer + "/offers?after=foo:0:1");
        Http.assertProblem(otherTopic, 400, "/problems/invalid-parameter");
        assertThat(otherTopic.json().get("detail").asText()).contains("'foo'").contains("clickstream");
        Http.Reply noSuchPartition = http.get("/v1/customers/" + customer + "/offers?after=clickstream:99:1");
        Http.assertProblem(noSuchPartition, 400, "/problems/invalid-parameter");
        assertThat(noSuchPartition.json().get("detail").asText()).contains("partition 99");
    }

    @Test
    void shouldReachThePositionOfARepeatThatWasDropped() {
        String customer = "url-" + UUID.randomUUID();
        String view = """
                {"type":"page_view","eventId":"%1$s-v","customerId":"%1$s","timestamp":"%2$s","channel":"web"}"""
                .formatted(customer, now());
        String first = http.post("/v1/events", view).json().get("readAfter").asText();
        assertThat(http.get("/v1/customers/" + customer + "/offers?preview=true&after=" + first).json()
                .get("positionReached").asBoolean()).isTrue();

        String retry = http.post("/v1/events", view).json().get("readAfter").asText();
        JsonNode decision = http.get("/v1/customers/" + customer + "/offers?preview=true&after=" + retry).json();

        assertThat(retry).isNotEqualTo(first);
        assertThat(decision.get("positionReached").asBoolean())
                .as("a retry the topology dropped as a repeat writes no store, yet it was read: " + decision).isTrue();
    }

    @Test
    void shouldNotCountADecisionWhoseClientLeftWhileItWaitedForThePosition() throws Exception {
        String customer = "url-" + UUID.randomUUID();
        String unreachable = "clickstream:0:999999999,clickstream:1:999999999,clickstream:2:999999999";
        double decidedBefore = decisionsMade();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", RUNNING.service().httpPort())) {
            socket.getOutputStream().write(("GET /v1/customers/" + customer + "/offers?after=" + unreachable
                    + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        }

        // Past the 2 s wait, when a decision would have been made and counted as shown.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(decisionsMade()).as("no offers were recorded as shown").isEqualTo(decidedBefore));
        assertThat(http.get("/metrics").body()).as("nor metered as answered")
                .contains("route=\"/v1/customers/:customerId/offers\",status=\"499\"}");
    }

    /** {@code nbo_decisions_total}: decisions made and counted (previews are not). */
    private static double decisionsMade() {
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("(?m)^nbo_decisions_total (\\S+)$")
                .matcher(http.get("/metrics").body());
        return total.find() ? Double.parseDouble(total.group(1)) : 0;
    }

    private static String base() {
        return RUNNING.base();
    }

    private static String now() {
        return Instant.now().toString();
    }
}
