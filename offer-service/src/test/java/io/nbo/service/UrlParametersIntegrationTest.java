package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a URL may carry beside its path: the decision route's parameters, and a key only where a route takes one. */
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

    private static String base() {
        return RUNNING.base();
    }

    private static String now() {
        return Instant.now().toString();
    }
}
