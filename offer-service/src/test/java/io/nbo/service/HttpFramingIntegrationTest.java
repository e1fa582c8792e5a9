package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests that one reader could take one way and another (a proxy in front) another way: bodies framed twice,
 * two hosts or types, compressed bodies, expectations the server cannot meet. Refused, or their connection ended.
 */
class HttpFramingIntegrationTest {
    @RegisterExtension
    static final RunningService RUNNING = new RunningService("nbo-framing");
    private static Http http;

    @BeforeAll
    static void client() {
        http = RUNNING.http();
    }

    @Test
    void shouldRefuseWhatCouldBeReadTwoWays() throws Exception {
        String pipelined = "GET /v1/ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        String framedTwice = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                + TestServices.SITE_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n" + pipelined);
        String twoHosts = http.raw("GET /v1/ping HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n"
                + "Connection: close\r\n\r\n");

        String chunked = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.SITE_KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk("[{\"type\":"
                + "\"page_view\",\"eventId\":\"chunked-" + UUID.randomUUID() + "\",\"customerId\":\"c-chunked\","
                + "\"timestamp\":\"" + java.time.Instant.now() + "\",\"channel\":\"web\",\"page\":\"/\"}]") + "0\r\n\r\n"
                + pipelined);

        assertThat(chunked).as("a good chunked body is taken, and its connection ends").startsWith("HTTP/1.1 202")
                .containsIgnoringCase("connection: close").doesNotContain("pong");
        assertThat(framedTwice).as("nothing after the body is run").startsWith("HTTP/1.1 400").doesNotContain("pong")
                .containsOnlyOnce("HTTP/1.1 ").containsIgnoringCase("connection: close");
        assertThat(twoHosts).startsWith("HTTP/1.1 400").contains("more than one Host header");
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length) + "\r\n" + data
                + "\r\n";
    }

    @Test
    void shouldRefuseACompressedBodyInsteadOfReadingItAsItCame() {
        for (String coding : new String[] {"gzip", "br", "x-unknown"}) {
            Http.Reply reply = http.send("POST", "/v1/events", "[]", "Content-Encoding", coding);
            Http.assertProblem(reply, 415, "/problems/unsupported-media-type");
            assertThat(reply.body()).contains("Content-Encoding " + coding + " is not supported");
        }
        assertThat(http.send("POST", "/v1/events", "[]", "Content-Encoding", "identity").status())
                .as("identity is no coding").isNotEqualTo(415);
    }

    @Test
    void shouldNameWhatItCannotMeet() throws Exception {
        String teapot = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.SITE_KEY
                + "\r\nContent-Type: application/json\r\nExpect: teapot\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n[]");
        String noType = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.SITE_KEY
                + "\r\nContent-Type: \r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]");

        String twoTypes = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.SITE_KEY
                + "\r\nContent-Type: application/json\r\nContent-Type: text/xml\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n[]");

        assertThat(twoTypes).startsWith("HTTP/1.1 400").contains("more than one Content-Type header");
        assertThat(teapot).startsWith("HTTP/1.1 417").contains("Expect: teapot is not supported");
        assertThat(noType).startsWith("HTTP/1.1 415").contains("got an empty Content-Type");
    }

    @Test
    void shouldRefuseToAnswerInATypeTheClientDoesNotTake() throws Exception {
        Http.Reply xml = http.send("GET", "/v1/offers", null, "Accept", "application/xml");
        Http.assertProblem(xml, 406, "/problems/not-acceptable");
        assertThat(xml.json().get("detail").asText()).contains("application/json").contains("application/xml");
        Http.assertProblem(http.send("GET", "/v1/offers", null, "Accept", "application/json;q=0, text/html"), 406,
                "/problems/not-acceptable");
        Http.assertProblem(http.send("GET", "/v1/stats/campaigns/stream", null, "Accept", "application/*"), 406,
                "/problems/not-acceptable");
        Http.assertProblem(new Http(RUNNING.base(), null).send("GET", "/v1/offers", null, "Accept", "text/html"), 401,
                "/problems/unauthorized");

        for (String accepted : new String[] {"application/json", "*/*", "application/*;q=0.5", "APPLICATION/JSON",
                "text/html, application/problem+json;q=0.1", "application/json;q=0.001", "application/json ;q=0.5",
                "text/html,\tapplication/json"}) {
            assertThat(http.send("GET", "/v1/offers", null, "Accept", accepted).status()).as(accepted).isEqualTo(200);
        }
        assertThat(http.send("GET", "/v1/offers", null, "Accept", "text/html", "Accept", "application/json").status())
                .as("two Accept headers are one list").isEqualTo(200);
        assertThat(http.send("GET", "/v1/offers", null).status()).as("no Accept: anything").isEqualTo(200);
        assertThat(http.send("GET", "/v1/customers/stream", null, "Accept", "application/json").status())
                .as("a customer called stream is no stream").isEqualTo(404);
        assertThat(http.send("GET", "/health/live", null, "Accept", "text/html").status())
                .as("probes are not API routes").isEqualTo(200);
        for (String broken : new String[] {";", ";;;,", ";q=1", ","}) {
            assertThat(http.raw("GET /v1/offers HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                    + "\r\nAccept: " + broken + "\r\nConnection: close\r\n\r\n")).as("names no type: " + broken)
                    .startsWith("HTTP/1.1 406").contains("/problems/not-acceptable");
        }
        assertThat(http.raw("GET /v1/offers HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                + "\r\nAccept: \r\nConnection: close\r\n\r\n")).as("an empty Accept, as none").startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldSayWhatIsWrongWithARangeOrAHost() throws Exception {
        Http.Reply range = new Http(RUNNING.base(), null).send("GET", "/ui/dashboard.html", null, "Range", "bytes=5-1");
        Http.assertProblem(range, 416, "/problems/range-not-satisfiable");
        assertThat(range.json().get("detail").asText()).contains("the Range header asks for bytes");
        for (String host : List.of("a b/c", "a%20b", "%41")) {
            assertThat(http.raw("GET /v1/ping HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")).as(host)
                    .startsWith("HTTP/1.1 400").contains("the Host header is missing, or names no host");
        }
    }

    @Test
    void shouldAnswerABodyThatNeverArrivesAsTheClientsTimeoutNotOverload() throws Exception {
        String answer = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"type\":\"page_view\"");

        assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                .contains("\"type\":\"/problems/request-timeout\"");
        assertEverySlotFree("the stalled request's slot is free again");
    }

    @Test
    void shouldIgnoreAFormTypeOnRoutesWithoutABodyAndRefuseBrokenChunks() throws Exception {
        String formGet = http.raw("GET /v1/offers HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                + "\r\nContent-Type: multipart/form-data; boundary=b\r\nConnection: close\r\n\r\n");
        String formTrace = http.raw("TRACE /health/live HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nConnection: close\r\n\r\n");
        String badChunk = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

        assertThat(formGet).as("a body's type on a read changes nothing").startsWith("HTTP/1.1 200");
        assertThat(formTrace).startsWith("HTTP/1.1 405").contains("application/problem+json");
        assertThat(badChunk).startsWith("HTTP/1.1 400").contains("/problems/bad-request").contains("chunked");
        assertEverySlotFree("the refused body's slot is free again");

        String unknownMethod = http.raw("FOO /health/live HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n");
        assertThat(unknownMethod).startsWith("HTTP/1.1 405").contains("application/problem+json");
        String smuggled = "GET /v1/offers HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                + "\r\n\r\n";
        String identity = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: identity\r\n\r\n" + smuggled);
        assertThat(identity).as("refused, and what the body hid is never run").startsWith("HTTP/1.1 400")
                .contains("Transfer-Encoding identity").doesNotContain("HTTP/1.1 200");
        String twoLines = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n"
                + "\r\n2\r\n[]\r\n0\r\n\r\nGET /v1/ping HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(twoLines).as("a coding split over two lines is one list").startsWith("HTTP/1.1 400")
                .doesNotContain("pong");

    }

    @Test
    void shouldAnswerARequestRefusedBeforeItsBodyAlsoWhenThatBodyIsBrokenAfterwards() throws Exception {
        String brokenChunks = "5\r\nhello\r\nzz\r\n\r\n";
        String wrongRole = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                + TestServices.MARKETER_KEY + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + brokenChunks);
        String wrongType = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.SITE_KEY
                + "\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + brokenChunks);

        assertThat(wrongRole).startsWith("HTTP/1.1 403").contains("/problems/forbidden");
        assertThat(wrongType).startsWith("HTTP/1.1 415").contains("application/problem+json");
        assertEverySlotFree("the refused requests' slots are free again");
    }

    @Test
    void shouldCloseTheConnectionOfARequestRefusedBeforeItsBodyCame() throws Exception {
        // raw() reads until the server closes the connection: one left open fails it with a read timeout.
        String tooLarge = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.SITE_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{\"type\"");
        String withoutKey = http.raw("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                + "\r\nContent-Length: 5000\r\n\r\n{\"type\"");

        assertThat(tooLarge).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close")
                .contains("/problems/body-too-large");
        assertThat(withoutKey).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");
        assertThat(http.get("/metrics").body()).as("measured under the route it asked for")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/events\",status=\"401\"}");
        assertEverySlotFree("the refused requests' slots are free again");
        List<String> statuses = exchangesOnOneConnection(
                "GET /v1/offers?limit=1 HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + TestServices.ADMIN_KEY
                        + "\r\n\r\n",
                "GET /v1/ping HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(statuses).as("a refusal without a body keeps the connection")
                .containsExactly("HTTP/1.1 400 Bad Request", "HTTP/1.1 200 OK");
    }

    private static void assertEverySlotFree(String why) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(http.get("/metrics").body()).as(why)
                .containsPattern("(?m)^http_server_in_flight(\\{[^}]*\\})? 0\\.0$"));
    }

    private static List<String> exchangesOnOneConnection(String... requests) throws java.io.IOException {
        java.net.URI server = java.net.URI.create(RUNNING.base());
        List<String> statuses = new java.util.ArrayList<>();
        try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            for (String request : requests) {
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    head.append((char) in.readUnsignedByte());
                }
                statuses.add(head.substring(0, head.indexOf("\r\n")));
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                        .matcher(head);
                in.readFully(new byte[length.find() ? Integer.parseInt(length.group(1)) : 0]);
            }
        }
        return statuses;
    }
}
