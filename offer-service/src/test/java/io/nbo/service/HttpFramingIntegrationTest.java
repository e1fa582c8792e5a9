package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;

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
}
