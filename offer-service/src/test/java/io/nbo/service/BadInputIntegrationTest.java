package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad requests over HTTP: every case of the bad-input corpus on both collector routes, and the problem
 * answers (RFC 9457) every kind of bad request gets, down to request lines and headers too long to read.
 * Bad records on the topics: {@link BadRecordsIntegrationTest}.
 */
class BadInputIntegrationTest {
    @RegisterExtension
    static final RunningService RUNNING = new RunningService("nbo-bad");
    private static Http http;
    private static List<BadInputCorpus.Case> corpus;

    @BeforeAll
    static void read() throws Exception {
        corpus = BadInputCorpus.read();
        http = RUNNING.http();
    }

    @Test
    void shouldAnswerEveryBadEventWithAProblemAndNeverAServerError() {
        assertThat(corpus).hasSizeGreaterThan(300);
        for (String route : List.of("/v1/events", "/v1/responses")) {
            for (BadInputCorpus.Case bad : corpus) {
                Http.Reply reply = http.post(route, bad.body());
                assertThat(reply.status()).as("%s %s: %s", route, bad.name(), reply).isBetween(400, 499);
                assertThat(reply.contentType()).as(bad.name()).startsWith("application/problem+json");
                JsonNode problem = reply.json();
                assertThat(problem.path("type").asText()).as(bad.name()).startsWith("/problems/");
                assertThat(problem.path("title").asText()).as(bad.name()).isNotBlank();
                assertThat(problem.path("detail").asText()).as(bad.name()).isNotBlank();
                assertThat(reply.body()).as(bad.name()).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
        assertThat(http.get("/health/ready").status()).isEqualTo(200);
    }

    @Test
    void shouldKeepARefusalSmallerThanWhatWasSent() {
        String empties = "[" + String.join(",", java.util.Collections.nCopies(500, "{}")) + "]";
        StringBuilder unknown = new StringBuilder("{\"type\":\"page_view\",\"eventId\":\"u\",\"customerId\":\"u\","
                + "\"timestamp\":\"" + now() + "\",\"channel\":\"web\"");
        for (int i = 0; i < 220; i++) {
            unknown.append(",\"k").append(i).append("\":1");
        }
        String unknownFields = "[" + String.join(",", java.util.Collections.nCopies(400, unknown + "}")) + "]";

        for (String batch : List.of(empties, unknownFields)) {
            Http.Reply refused = http.post("/v1/events", batch);
            Http.assertProblem(refused, 400, "/problems/invalid-events");
            assertThat(refused.json().get("invalid")).hasSize(20);
            assertThat(refused.json().get("detail").asText()).endsWith("invalid; none were accepted; the first 20 are listed");
            assertThat(refused.json().at("/invalid/0/reasons")).hasSizeLessThanOrEqualTo(11);
            assertThat(refused.body().length()).as("the answer").isLessThan(Math.max(batch.length(), 40_000));
        }
    }

    @Test
    void shouldCheckALargeBodyAsASmallOne() {
        StringBuilder views = new StringBuilder("[");
        for (int i = 0; i < 400; i++) {
            views.append(i == 0 ? "" : ",").append("""
                    {"type":"page_view","eventId":"large-%d","anonymousId":"large-v","timestamp":"%s","channel":"web",
                     "page":"/p/%s"}""".formatted(i, now(), "x".repeat(150)));
        }
        String batch = views.append("]").toString();
        assertThat(batch.length()).as("checked off the event loop").isGreaterThan(64 * 1024);
        Http.Reply accepted = http.post("/v1/events", batch);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().get("accepted").asInt()).isEqualTo(400);

        String values = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "\"" + i + "x".repeat(100) + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        String condition = "{\"field\":\"attributes.tier\",\"op\":\"in\",\"value\":[" + values + "]}";
        String campaign = "{\"name\":\"Large\",\"rules\":{\"any\":["
                + String.join(",", java.util.Collections.nCopies(10, condition)) + "]}}";
        assertThat(campaign.length()).isGreaterThan(64 * 1024);
        assertThat(http.put("/v1/campaigns/large-rules", campaign).status()).isIn(200, 201);
        Http.Reply tooMany = http.put("/v1/offers/large-ids", """
                {"campaignId":"large-rules","name":"Large","channels":["web"],"value":1,"priority":1,"productIds":[%s]}"""
                .formatted(java.util.stream.IntStream.range(0, 9000).mapToObj(i -> "\"p-" + i + "\"")
                        .collect(java.util.stream.Collectors.joining(","))));
        Http.assertProblem(tooMany, 400, "/problems/invalid-offer");
        assertThat(tooMany.json().get("detail").asText()).isEqualTo("$.productIds: 9000 items, far more than any"
                + " contract takes: refused unread");
    }

    @Test
    void shouldAnswerBadRequestsWithProblemJson() throws Exception {
        Http.assertProblem(http.get("/v1/customers/c1/offers?limit=0"), 400, "/problems/invalid-parameter");
        Http.assertProblem(http.get("/v1/customers/c1/offers?limit=3&limit=4"), 400, "/problems/invalid-parameter");
        for (String query : List.of("placment=home", "Channel=sms", "limit=%2B3", "limit=+3",
                "after=clickstream:0:%2B1", "limit=%D9%A3", "channel=web;chanel=app")) {
            Http.assertProblem(http.get("/v1/customers/c1/offers?" + query), 400, "/problems/invalid-parameter");
        }
        assertThat(http.get("/v1/customers/c1/offers?&channel=web&&limit=2").status()).as("empty pairs are no parameters")
                .isEqualTo(200);
        assertThat(http.get("/v1/customers/c1/offers?placment=home").json().get("detail").asText())
                .isEqualTo("'placment' is not a parameter of this route, which takes channel, placement, limit, explain,"
                        + " preview, after, requestId, at");
        Http.assertProblem(http.get("/v1/customers/c1/offers?channel=pigeon"), 400, "/problems/invalid-parameter");
        Http.assertProblem(http.get("/v1/customers/%3Cscript%3E/offers"), 400, "/problems/invalid-parameter");
        Http.assertProblem(http.get("/v1/customers//offers?channel=web"), 400, "/problems/invalid-parameter");
        Http.assertProblem(http.delete("/v1/offers//"), 400, "/problems/invalid-parameter");
        for (String empty : new String[] {"//v1/ping", "/v1//ping", "/health//ready", "//metrics", "/ui//dashboard.html"}) {
            assertThat(rawGet(empty)).as(empty).startsWith("HTTP/1.1 400").contains("Empty path segment");
        }
        Http.assertProblem(new Http(base(), null).get("/v1/customers//offers"), 400, "/problems/invalid-parameter");
        for (String dots : new String[] {"/v1/customers/../offers", "/v1/customers/%2e%2E/offers", "/v1/offers/.",
                "/v1/campaigns/%2E", "/health/../metrics", "/v1/ping/%2E%2E/%2e%2e/openapi.yaml"}) {
            assertThat(rawGet(dots)).as(dots).startsWith("HTTP/1.1 400").contains("Dot path segment")
                    .doesNotContain("\"offers\":[").doesNotContain("# HELP").doesNotContain("openapi:");
        }
        assertThat(rawGet("/v1/customers/%ZZ/offers")).as("a path that cannot be decoded")
                .startsWith("HTTP/1.1 400").contains("application/problem+json").contains("\"type\":\"/problems/");
        assertThat(http.raw("DELETE /v1/campaigns/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(rawGet("/v1/customers/c1/offers?placement=50%off")).as("a query that cannot be decoded")
                .startsWith("HTTP/1.1 400").contains("application/problem+json").contains("%25");
        assertThat(http.raw("GET /v1/offers?q=% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .as("without a key too").startsWith("HTTP/1.1 400").contains("/problems/bad-request");
        assertThat(http.raw(("GET /v1/customers/\u00e9/offers HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))).as("raw UTF-8 in the path: instance is a URI")
                .startsWith("HTTP/1.1 401").contains("\"instance\":\"/v1/customers/%C3%A9/offers\"");
        for (String path : List.of("/v1/offers/%", "/v1/offers/a%2", "/v1/offers/%zz", "/v1/offers/[]")) {
            String answer = http.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            java.util.regex.Matcher instance = java.util.regex.Pattern.compile("\"instance\":\"([^\"]*)\"")
                    .matcher(answer);
            assertThat(instance.find()).as(answer).isTrue();
            assertThat(java.net.URI.create(instance.group(1)).getRawPath()).as(path + " as a URI").isNotEmpty();
        }
        assertThat(http.get("/metrics").body()).as("measured like any other request, under the route it named")
                .contains("http_server_requests_seconds_count{method=\"DELETE\",route=\"/v1/campaigns/:campaignId\","
                        + "status=\"400\"}");
        Http.assertProblem(http.put("/v1/offers/far-off", """
                {"campaignId":"far","name":"Far off","channels":["web"],"value":1,"priority":1,
                 "validFrom":"+999999999-12-31T23:59:59Z"}"""), 400, "/problems/invalid-offer");
        Http.Reply inSeconds = http.put("/v1/offers/in-seconds", """
                {"campaignId":"far","name":"Seconds","channels":["web"],"value":1,"priority":1,"validTo":1796599000}""");
        Http.assertProblem(inSeconds, 400, "/problems/invalid-offer");
        assertThat(inSeconds.json().get("detail").asText()).isEqualTo("$.validTo: 1796599000 reads as"
                + " 1970-01-21T19:03:19Z, before 2000-01-01T00:00:00Z, the earliest time this service takes; times are"
                + " epoch milliseconds, and in seconds it would be 2026-12-06T23:16:40Z: multiply by 1000");
        Http.Reply never = http.put("/v1/offers/never", """
                {"campaignId":"far","name":"Never","channels":["web"],"value":1,"priority":1,
                 "validFrom":9223372036854775807}""");
        Http.assertProblem(never, 400, "/problems/invalid-offer");
        assertThat(never.json().get("detail").asText()).startsWith("$.validFrom: 9223372036854775807 reads as")
                .endsWith("after 9999-12-31T23:59:59.999Z, the latest time this service takes");
        assertThat(http.put("/v1/campaigns/far", """
                {"name":"Far","validTo":"+10000-01-01T00:00:00Z"}""").json().get("detail").asText())
                .endsWith("the latest time this service takes (leave validTo out for no end)");
        Http.Reply beforeEpoch = http.put("/v1/campaigns/before-epoch", """
                {"name":"Before 1970","validFrom":"1969-06-01T00:00:00Z"}""");
        Http.assertProblem(beforeEpoch, 400, "/problems/invalid-campaign");
        assertThat(beforeEpoch.json().get("detail").asText()).as("refused here, not dropped by the catalogue later")
                .isEqualTo("$.validFrom: '1969-06-01T00:00:00Z' reads as 1969-06-01T00:00:00Z, before"
                        + " 2000-01-01T00:00:00Z, the earliest time this service takes");
        Http.assertProblem(http.put("/v1/offers/in-1970", """
                {"campaignId":"far","name":"Early","channels":["web"],"value":1,"priority":1,"validTo":5}"""), 400,
                "/problems/invalid-offer");
        Http.assertProblem(http.get("/v1/campaigns/before-epoch"), 404, "/problems/campaign-not-found");
        Http.assertProblem(http.put("/v1/campaigns/far", """
                {"name":"Far","validTo":"+292278994-08-17T07:12:55.808Z"}"""), 400, "/problems/invalid-campaign");
        Http.Reply typo = http.put("/v1/campaigns/typo", """
                {"name":"Typo","rules":{"field":"relationship.stage","op":"eq","value":"intimcy"}}""");
        Http.assertProblem(typo, 400, "/problems/invalid-campaign");
        assertThat(typo.json().get("detail").asText()).as("a rule that could never hold, named with the values it takes")
                .startsWith("$.rules.value: is never a value of relationship.stage, which is one of: contact,");
        Http.Reply fax = http.put("/v1/offers/typo", """
                {"campaignId":"typo","name":"Typo","channels":["web"],"value":1,"priority":1,
                 "rules":{"field":"request.channel","op":"eq","value":"fax"}}""");
        Http.assertProblem(fax, 400, "/problems/invalid-offer");
        assertThat(fax.json().get("detail").asText()).startsWith("$.rules.value: is never a value of request.channel");
        Http.assertProblem(http.post("/v1/events", "{\"type\":"), 400, "/problems/malformed-json");
        Http.assertProblem(http.post("/v1/events", ""), 400, "/problems/empty-body");
        Http.assertProblem(http.post("/v1/events", "[]"), 400, "/problems/empty-batch");
        Http.assertProblem(http.post("/v1/events", new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
                400, "/problems/malformed-json");
        Http.assertProblem(http.post("/v1/events", "[".repeat(100) + "]".repeat(100)), 400, "/problems/malformed-json");
        Http.Reply tooLarge = http.post("/v1/events", "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        Http.assertProblem(tooLarge, 413, "/problems/body-too-large");
        assertThat(tooLarge.json().get("detail").asText()).as("how far to split")
                .isEqualTo("the body exceeds the limit of 1048576 bytes (BODY_LIMIT_BYTES): send a large batch in parts");
        Http.Reply offerTooLarge = http.send("PUT", "/v1/offers/huge", "{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        Http.assertProblem(offerTooLarge, 413, "/problems/body-too-large");
        assertThat(offerTooLarge.json().get("detail").asText()).as("one offer cannot be sent in parts")
                .isEqualTo("the body exceeds the limit of 1048576 bytes (BODY_LIMIT_BYTES)");
        Http.assertProblem(http.post("/v1/responses", """
                {"type":"page_view","eventId":"e","customerId":"c","timestamp":"%s","channel":"web"}"""
                .formatted(now())), 400, "/problems/invalid-events");
        Http.Reply purchaseAsResponse = http.post("/v1/responses", """
                {"type":"purchase","decisionId":"d","customerId":"c","offerId":"o","outcome":"click","timestamp":"%s"}"""
                .formatted(now()));
        Http.assertProblem(purchaseAsResponse, 400, "/problems/invalid-events");
        assertThat(purchaseAsResponse.json().get("detail").asText())
                .isEqualTo("1 of 1 responses is invalid; none were accepted");
        assertThat(purchaseAsResponse.json().at("/invalid/0/reasons").toString()).as("not a purchase's own checks")
                .contains("only offer responses are accepted here; send purchase events to /v1/events")
                .doesNotContain("amount");
        Http.Reply nullType = http.post("/v1/responses", """
                [{"type":null,"decisionId":"d","customerId":"c","offerId":"o","outcome":"click","timestamp":"%1$s"},
                 {"type":"teleport","decisionId":"d","customerId":"c","offerId":"o","outcome":"click","timestamp":"%1$s"}]"""
                .formatted(now()));
        assertThat(nullType.json().at("/invalid/0/reasons/0").asText()).as("the one type this route takes")
                .isEqualTo("$.type: must be 'offer_response' or left out, got null");
        assertThat(nullType.json().at("/invalid/1/reasons/0").asText())
                .isEqualTo("$.type: must be 'offer_response' or left out, got 'teleport'");
        assertThat(http.post("/v1/responses", """
                {"type":"offer_response","decisionId":"d","customerId":"c","offerId":"o","outcome":"click",
                 "timestamp":"%s","channel":"web"}""".formatted(now())).status()).as("the type it takes, named")
                .isEqualTo(202);
        assertThat(http.post("/v1/responses", """
                {"responses":[{"decisionId":"d","customerId":"c","offerId":"o","outcome":"decline","timestamp":"%s"}]}"""
                .formatted(now())).json().get("accepted").asInt()).as("wrapped as what they are").isEqualTo(1);
        Http.Reply responsesAsEvents = http.post("/v1/events", """
                {"responses":[{"decisionId":"d","customerId":"c","offerId":"o","outcome":"decline","timestamp":"%s"}]}"""
                .formatted(now()));
        Http.assertProblem(responsesAsEvents, 400, "/problems/invalid-batch");
        assertThat(responsesAsEvents.json().get("detail").asText()).startsWith("responses go to POST /v1/responses");
        Http.Reply badJson = http.post("/v1/events", "{\"amount\":NaN}");
        Http.assertProblem(badJson, 400, "/problems/malformed-json");
        assertThat(badJson.json().get("detail").asText()).as("in JSON's words, not the parser's settings")
                .isEqualTo("the body is not valid JSON: Non-standard token 'NaN', which JSON does not allow (line 1, column 14)");
        Http.assertProblem(http.get("/v1/nothing-here"), 404, "/problems/not-found");
        Http.Reply wrongMethod = http.delete("/v1/events");
        Http.assertProblem(wrongMethod, 405, "/problems/method-not-allowed");
        assertThat(wrongMethod.allow()).isEqualTo("POST, OPTIONS");
        Http.Reply postToList = http.post("/v1/offers", "{}");
        Http.assertProblem(postToList, 405, "/problems/method-not-allowed");
        assertThat(postToList.json().get("detail").asText()).as("how to create one instead")
                .isEqualTo("POST is not supported on /v1/offers (it takes GET, HEAD, OPTIONS); create or replace an offer with"
                        + " PUT /v1/offers/{offerId}");
        Http.Reply keyWithoutBearer = new Http(base(), null).send("GET", "/v1/offers", null, "Authorization",
                TestServices.ADMIN_KEY);
        Http.assertProblem(keyWithoutBearer, 401, "/problems/unauthorized");
        assertThat(keyWithoutBearer.json().get("detail").asText())
                .endsWith("; the Authorization header given does not start with 'Bearer '");
        Http.Reply bearerAlone = new Http(base(), null).send("GET", "/v1/offers", null, "Authorization", "Bearer ");
        Http.assertProblem(bearerAlone, 401, "/problems/unauthorized");
        assertThat(bearerAlone.json().get("detail").asText())
                .endsWith("; the Authorization header given says Bearer but holds no key");
        Http.Reply bearerAsKey = new Http(base(), null).send("GET", "/v1/offers", null, "X-API-Key",
                "Bearer " + TestServices.ADMIN_KEY);
        Http.assertProblem(bearerAsKey, 401, "/problems/unauthorized");
        assertThat(bearerAsKey.json().get("detail").asText())
                .endsWith("; the X-API-Key header takes the key alone, without 'Bearer '");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(http.get("/metrics").body())
                .as("a method the path does not take: counted under the path's route")
                .contains("method=\"DELETE\",route=\"/v1/events\",status=\"405\""));
        Http.Reply headIndex = new Http(base(), null).send("HEAD", "/", null);
        assertThat(headIndex.status()).as("the index is a read too").isEqualTo(200);
        assertThat(http.send("POST", "/v1/customers/c1/offers", "{}").allow()).isEqualTo("GET, OPTIONS");
        Http.Reply postToStream = http.send("POST", "/v1/stats/campaigns/stream", "{}");
        Http.assertProblem(postToStream, 405, "/problems/method-not-allowed");
        assertThat(postToStream.allow()).isEqualTo("GET, OPTIONS");
        Http.Reply postToPing = new Http(base(), null).send("POST", "/v1/ping", "{}");
        Http.assertProblem(postToPing, 405, "/problems/method-not-allowed");
        assertThat(postToPing.allow()).isEqualTo("GET, HEAD, OPTIONS");
        Http.Reply postToPage = new Http(base(), null).send("POST", "/ui/dashboard.html", "{}");
        Http.assertProblem(postToPage, 405, "/problems/method-not-allowed");
        assertThat(postToPage.allow()).as("a page under a wildcard route").isEqualTo("GET, HEAD, OPTIONS");
        assertThat(new Http(base(), null).send("HEAD", "/v1/ping", null).status()).isEqualTo(200);
        Http.Reply head = http.send("HEAD", "/v1/offers", null);
        assertThat(head.status()).as("a read answers HEAD as GET, without the body").isEqualTo(200);
        assertThat(head.body()).isEmpty();
        String view = """
                {"type":"page_view","eventId":"e","customerId":"c","timestamp":"%s","channel":"web"}""".formatted(now());
        Http.Reply twice = http.post("/v1/events", view.replace("\"eventId\":\"e\"", "\"eventId\":\"e\",\"eventId\":\"f\""));
        Http.assertProblem(twice, 400, "/problems/malformed-json");
        assertThat(twice.json().get("detail").asText()).contains("Duplicate field 'eventId'");
        Http.assertProblem(http.post("/v1/events", "{\"events\":[" + view + "],\"extra\":1}"), 400, "/problems/invalid-batch");
        Http.assertProblem(http.post("/v1/events", "{\"events\":" + view + "}"), 400, "/problems/invalid-batch");
        Http.assertProblem(http.post("/v1/events", view, "application/xml"), 415, "/problems/unsupported-media-type");
        assertThat(http.post("/v1/events", view, "text/plain;charset=UTF-8").status())
                .as("what a browser's sendBeacon sends").isEqualTo(202);
        Http.assertProblem(http.post("/v1/events", view, "application/json; charset=iso-8859-1"), 415,
                "/problems/unsupported-media-type");
        Http.assertProblem(http.post("/v1/events", "--b\r\nContent-Disposition: form-data; name=\"events\"\r\n\r\n"
                + view + "\r\n--b--\r\n", "multipart/form-data; boundary=b"), 415, "/problems/unsupported-media-type");
        Http.assertProblem(http.get("/v1/customers/nobody-" + UUID.randomUUID()), 404, "/problems/customer-not-found");
    }

    @Test
    void shouldKeepAnswersAboutCustomersOutOfCaches() {
        Http.Reply decision = http.get("/v1/customers/cache-c1/offers?channel=web");
        Http.Reply refusal = http.get("/v1/customers/cache-c1/offers?channel=pigeon");
        Http.Reply page = http.get("/ui/call-centre.html");

        for (Http.Reply reply : List.of(decision, refusal)) {
            assertThat(reply.header("Cache-Control")).as(reply.toString()).isEqualTo("no-store");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(page.header("Cache-Control")).as("pages are asked for again, not kept out").isEqualTo("no-cache");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    /** Requests sent one after another on one connection, each once the answer before it was read: their statuses. */
    @Test
    void shouldSpeakOfTheBodyInItsOwnTerms() {
        Http.Reply form = http.post("/v1/events", "a=1&b=%ZZ", "application/x-www-form-urlencoded");
        Http.Reply blank = http.post("/v1/events", "   \n ");
        Http.Reply longNumber = http.post("/v1/events", "{\"n\":" + "9".repeat(1001) + "}");
        Http.Reply twoKeys = new Http(base(), null).send("POST", "/v1/events?api_key=" + TestServices.SITE_KEY, "[]",
                "X-API-Key", TestServices.SITE_KEY);

        Http.assertProblem(form, 415, "/problems/unsupported-media-type");
        Http.assertProblem(blank, 400, "/problems/empty-body");
        Http.assertProblem(longNumber, 400, "/problems/malformed-json");
        assertThat(longNumber.json().get("detail").asText()).contains("more digits");
        Http.assertProblem(twoKeys, 400, "/problems/bad-request");
        assertThat(twoKeys.json().get("detail").asText()).contains("send the key once");
        Http.assertProblem(new Http(base(), null).post("/v1/events?api_key=" + TestServices.SITE_KEY + "&api_key="
                + TestServices.ADMIN_KEY, "[]", "text/plain"), 400, "/problems/bad-request");
    }

    @Test
    void shouldAnswerRequestsTooLargeToReadWithProblemJson() throws Exception {
        String longLine = http.raw("GET /v1/customers/" + "x".repeat(20_000) + "/offers HTTP/1.1\r\nHost: localhost\r\n\r\n");
        String longHeaders = http.raw("GET /v1/ping HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "y".repeat(20_000)
                + "\r\n\r\n");

        assertThat(longLine).as("the version is part of what could not be read")
                .matches("(?s)HTTP/1\\.[01] 414 .*").contains("application/problem+json")
                .contains("\"type\":\"/problems/uri-too-long\"");
        assertThat(longHeaders).matches("(?s)HTTP/1\\.[01] 431 .*").contains("\"type\":\"/problems/headers-too-large\"");
        assertThat(longLine.toLowerCase(java.util.Locale.ROOT)).as("a shop's page can read it")
                .contains("access-control-allow-origin: *").contains("x-content-type-options: nosniff");
    }

    private static String base() {
        return RUNNING.base();
    }

    private static String now() {
        return Instant.now().toString();
    }

    /** What java.net.URI refuses to build: a request line sent as raw bytes, the whole answer returned. */
    private static String rawGet(String path) throws java.io.IOException {
        return http.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                + "\r\nConnection: close\r\n\r\n");
    }

}
