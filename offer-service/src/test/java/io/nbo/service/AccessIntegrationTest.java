package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys and roles on the real service: every route admits its roles and refuses the others. */
class AccessIntegrationTest {
    private static final String EVENT = """
            {"type":"page_view","eventId":"access-1","customerId":"access-c1","timestamp":"2026-01-01T10:00:00Z",
             "channel":"web","page":"/home"}""";
    private static final Map<String, String> KEYS = Map.of("site", TestServices.SITE_KEY, "agent",
            TestServices.AGENT_KEY, "marketer", TestServices.MARKETER_KEY, "admin", TestServices.ADMIN_KEY);

    private static OfferService service;
    private static Http anonymous;

    record Row(String method, String path, String body, Set<String> admitted) {
    }

    private static final List<Row> ROUTES = List.of(
            new Row("GET", "/v1/customers/access-c1/offers?channel=web", null, Set.of("site", "agent", "admin")),
            new Row("POST", "/v1/events", EVENT, Set.of("site", "agent", "admin")),
            new Row("POST", "/v1/responses", "{}", Set.of("site", "agent", "admin")),
            new Row("GET", "/v1/customers/access-c1", null, Set.of("agent", "admin")),
            new Row("GET", "/v1/customers/access-c1/stream", null, Set.of("agent", "admin")),
            new Row("DELETE", "/v1/customers/access-gone", null, Set.of("admin")),
            new Row("GET", "/v1/offers", null, Set.of("marketer", "admin")),
            new Row("PUT", "/v1/offers/access-o1", "{}", Set.of("marketer", "admin")),
            new Row("DELETE", "/v1/offers/access-o2", null, Set.of("marketer", "admin")),
            new Row("GET", "/v1/campaigns", null, Set.of("marketer", "admin")),
            new Row("PUT", "/v1/campaigns/access-k1", "{}", Set.of("marketer", "admin")),
            new Row("GET", "/v1/stats/campaigns", null, Set.of("marketer", "admin")),
            new Row("GET", "/v1/campaigns/access-k1/stats", null, Set.of("marketer", "admin")),
            new Row("GET", "/v1/campaigns/access-k1/stream", null, Set.of("marketer", "admin")),
            new Row("GET", "/v1/stats/campaigns/stream", null, Set.of("marketer", "admin")),
            new Row("GET", "/v1/admin/config", null, Set.of("admin")));

    @BeforeAll
    static void start() throws Exception {
        service = OfferService.start(TestServices.config(TempDirs.create("nbo-access"),
                java.util.Map.of("CORS_ORIGINS", "https://shop.example", "SITE_KEY_CONSENTS", "withdraw",
                        "SITE_KEY_EVENTS", "page_view,attribute_update,consent_update,offer_response")));
        anonymous = new Http("http://127.0.0.1:" + service.httpPort(), null);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldRefuseEveryApiRouteWithoutAValidKey() {
        for (Row row : ROUTES) {
            Http.Reply none = anonymous.send(row.method(), row.path(), row.body());
            assertThat(none.status()).as("%s %s without a key: %s", row.method(), row.path(), none).isEqualTo(401);
            assertThat(none.json().get("type").asText()).isEqualTo("/problems/unauthorized");
            Http.Reply wrong = anonymous.withKey("not-a-key-of-this-service").send(row.method(), row.path(),
                    row.body());
            assertThat(wrong.status()).as("%s %s with an unknown key: %s", row.method(), row.path(), wrong)
                    .isEqualTo(401);
        }
        // Refusals are counted under the route they were meant for, beside its answers.
        assertThat(anonymous.get("/metrics").body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/admin/config\",status=\"401\"}")
                .contains("http_server_requests_seconds_count{method=\"PUT\",route=\"/v1/offers/:offerId\",status=\"401\"}")
                .contains("route=\"/v1/customers/:customerId/stream\",status=\"401\"}");
    }

    @Test
    void shouldAdmitEachRoleOnlyWhereItBelongs() {
        for (Row row : ROUTES) {
            for (var role : KEYS.entrySet()) {
                boolean admitted = row.admitted().contains(role.getKey());
                if (admitted && row.path().endsWith("/stream")) {
                    continue; // an admitted stream never ends; the pages test reads one
                }
                Http.Reply reply = anonymous.withKey(role.getValue()).send(row.method(), row.path(), row.body());
                if (admitted) {
                    assertThat(reply.status()).as("%s may %s %s: %s", role.getKey(), row.method(), row.path(), reply)
                            .isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(reply.status()).as("%s may not %s %s: %s", role.getKey(), row.method(), row.path(),
                            reply).isEqualTo(403);
                    assertThat(reply.json().get("type").asText()).isEqualTo("/problems/forbidden");
                    assertThat(reply.json().get("detail").asText())
                            .contains("admitted roles: " + String.join(", ", row.admitted().stream().sorted(java.util.Comparator.comparing(
                                    r -> List.of("site", "agent", "marketer", "admin").indexOf(r))).toList()));
                }
            }
        }
    }

    @Test
    void shouldAcceptTheKeyAsBearerTokenButInTheUrlOnlyForStreams() {
        Http.Reply bearer = anonymous.send("GET", "/v1/offers", null, "Authorization",
                "Bearer " + TestServices.MARKETER_KEY);
        Http.Reply parameter = anonymous.get("/v1/offers?api_key=" + TestServices.MARKETER_KEY);
        Http.Reply wrongRoleStream = anonymous.get("/v1/campaigns/access-k1/stream?api_key=" + TestServices.SITE_KEY);

        assertThat(bearer.status()).as(bearer.toString()).isEqualTo(200);
        Http.Reply parameterBesideHeader = anonymous.withKey(TestServices.MARKETER_KEY)
                .get("/v1/offers?api_key=" + TestServices.MARKETER_KEY);
        Http.Reply unknownStreamKey = anonymous.get("/v1/campaigns/access-k1/stream?api_key=not-a-key-of-this-service");

        assertThat(parameter.status()).as("a key in the URL of a plain route: " + parameter).isEqualTo(400);
        assertThat(parameter.json().get("detail").asText()).contains("accepted only by the /stream routes");
        assertThat(parameterBesideHeader.status()).as("refused even beside a good header: " + parameterBesideHeader)
                .isEqualTo(400);
        assertThat(unknownStreamKey.status()).as(unknownStreamKey.toString()).isEqualTo(401);
        assertThat(unknownStreamKey.json().get("detail").asText()).contains("or the api_key query parameter");
        assertThat(wrongRoleStream.status()).as("the stream knew the key, and refused its role: " + wrongRoleStream)
                .isEqualTo(403);
    }

    @Test
    void shouldTakeASiteKeyInTheUrlOfTheCollectorAsABrowsersBeaconSendsIt() {
        String view = """
                {"type":"page_view","eventId":"beacon-1","customerId":"beacon-c","timestamp":%d,"channel":"web"}"""
                .formatted(System.currentTimeMillis());

        Http.Reply beacon = anonymous.post("/v1/events?api_key=" + TestServices.SITE_KEY, view, "text/plain;charset=UTF-8");
        Http.Reply agentKeyInUrl = anonymous.post("/v1/events?api_key=" + TestServices.AGENT_KEY, view, "text/plain");
        Http.Reply unknownKey = anonymous.post("/v1/responses?api_key=not-a-key-of-this-service", view, "text/plain");
        Http.Reply siteKeyElsewhere = anonymous.get("/v1/customers/beacon-c/offers?api_key=" + TestServices.SITE_KEY);

        assertThat(beacon.status()).as(beacon.toString()).isEqualTo(202);
        assertThat(agentKeyInUrl.status()).as(agentKeyInUrl.toString()).isEqualTo(400);
        assertThat(agentKeyInUrl.json().get("detail").asText()).contains("only a site key may travel in the URL");
        assertThat(unknownKey.status()).as(unknownKey.toString()).isEqualTo(401);
        assertThat(siteKeyElsewhere.status()).as("the offer route can take headers: " + siteKeyElsewhere).isEqualTo(400);
    }

    @Test
    void shouldAnswerOtherAuthorizationSchemesWithAProblemNotAnError() {
        Http.Reply basic = anonymous.send("GET", "/v1/offers", null, "Authorization", "Basic dXNlcjpwYXNz");
        Http.Reply basicBesideAKey = anonymous.withKey(TestServices.MARKETER_KEY).send("GET", "/v1/offers", null,
                "Authorization", "Basic dXNlcjpwYXNz");

        assertThat(basic.status()).as(basic.toString()).isEqualTo(401);
        assertThat(basic.json().get("type").asText()).isEqualTo("/problems/unauthorized");
        assertThat(basicBesideAKey.status()).as(basicBesideAKey.toString()).isEqualTo(200);
    }

    @Test
    void shouldRefuseTwoKeysInTheHeadersWhicheverWouldPass() {
        Http.Reply bogusBesideAdmin = anonymous.withKey("not-a-key-of-this-service").send("GET", "/v1/admin/config",
                null, "Authorization", "Bearer " + TestServices.ADMIN_KEY);
        Http.Reply siteBesideAdmin = anonymous.withKey(TestServices.SITE_KEY).send("GET", "/v1/admin/config", null,
                "Authorization", "Bearer " + TestServices.ADMIN_KEY);
        Http.Reply sameTwice = anonymous.withKey(TestServices.ADMIN_KEY).send("GET",
                "/v1/campaigns/access-k1/stream", null, "Authorization", "Bearer " + TestServices.ADMIN_KEY);

        Http.Reply twoBearers = anonymous.send("GET", "/v1/admin/config", null, "Authorization",
                "Bearer not-a-key-of-this-service", "Authorization", "Bearer " + TestServices.ADMIN_KEY);
        Http.Reply urlBesideHeader = anonymous.withKey(TestServices.MARKETER_KEY)
                .get("/v1/campaigns/access-k1/stream?api_key=" + TestServices.MARKETER_KEY);
        Http.Reply urlTwice = anonymous.get("/v1/campaigns/access-k1/stream?api_key=" + TestServices.MARKETER_KEY
                + "&api_key=" + TestServices.MARKETER_KEY);

        for (Http.Reply reply : List.of(bogusBesideAdmin, siteBesideAdmin, sameTwice, twoBearers, urlBesideHeader,
                urlTwice)) {
            Http.assertProblem(reply, 400, "/problems/bad-request");
            assertThat(reply.json().get("detail").asText()).contains("send the key once");
        }
    }

    @Test
    void shouldLeaveHealthMetricsAndTheApiDescriptionOpen() {
        for (String path : List.of("/health/live", "/health/ready", "/metrics", "/openapi.yaml", "/v1/ping")) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(200);
        }
        for (String path : List.of("/health/live", "/health/ready")) {
            Http.Reply head = anonymous.send("HEAD", path, null);
            assertThat(head.status()).as("HEAD " + path + ": " + head).isEqualTo(200);
            assertThat(head.body()).as("HEAD " + path).isEmpty();
            assertThat(head.contentType()).as("HEAD " + path + " has GET's headers").startsWith("application/json");
        }
    }

    @Test
    void shouldTellAPageFromAnotherOriginThatItsOriginIsRefusedNotItsKey() {
        Http.Reply refused = anonymous.withKey(TestServices.SITE_KEY).send("GET",
                "/v1/customers/access-c1/offers?channel=web", null, "Origin", "https://evil.example");
        Http.Reply allowed = anonymous.withKey(TestServices.SITE_KEY).send("GET",
                "/v1/customers/access-c1/offers?channel=web", null, "Origin", "https://shop.example");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("/problems/origin-not-allowed");
        assertThat(refused.json().get("detail").asText()).contains("https://evil.example", "CORS_ORIGINS");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        for (Http.Reply reply : List.of(refused, allowed, anonymous.get("/health/live"))) {
            assertThat(reply.headers().allValues("Vary").stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                    .map(String::trim).filter("Origin"::equalsIgnoreCase)).as("answers differ by origin, said once: "
                    + reply).hasSize(1);
        }
        String own = "http://127.0.0.1:" + service.httpPort();
        Http.Reply fromOwnPage = anonymous.withKey(TestServices.SITE_KEY).send("POST", "/v1/events", """
                {"type":"page_view","eventId":"own-page","customerId":"access-c1","timestamp":"%s","channel":"web"}"""
                .formatted(java.time.Instant.now()), "Origin", own);
        assertThat(fromOwnPage.status()).as("the service's own pages are no other origin: " + fromOwnPage)
                .isEqualTo(202);
    }

    @Test
    void shouldLetMarketersPreviewDecisionsButNotMakeThem() {
        Http.Reply preview = anonymous.withKey(TestServices.MARKETER_KEY)
                .get("/v1/customers/access-preview/offers?preview=true&explain=true");
        Http.Reply decide = anonymous.withKey(TestServices.MARKETER_KEY).get("/v1/customers/access-preview/offers");

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().has("offers")).isTrue();
        assertThat(decide.status()).as(decide.toString()).isEqualTo(403);
        assertThat(decide.json().get("detail").asText()).endsWith("(marketer with preview=true)");
        Http.Reply typo = anonymous.withKey(TestServices.MARKETER_KEY).get("/v1/customers/access-preview/offers?preview=yes");
        assertThat(typo.status()).as("the value is what is wrong, not the role: " + typo).isEqualTo(400);
        assertThat(anonymous.withKey(TestServices.MARKETER_KEY)
                .get("/v1/customers/access-preview/offers?preview=false").status()).isEqualTo(403);
    }

    @Test
    void shouldQuoteACustomersValuesInExplanationsOnlyToKeysThatReadProfiles() {
        Http marketer = anonymous.withKey(TestServices.MARKETER_KEY);
        assertThat(marketer.put("/v1/offers/access-probe", """
                {"campaignId":"access-probe-k","name":"Probe","channels":["web"],"value":1,"priority":1,
                 "rules":{"field":"attributes.email","op":"eq","value":"?"}}""").status()).isBetween(200, 201);
        assertThat(marketer.put("/v1/offers/access-shown", """
                {"campaignId":"access-probe-k","name":"Shown","channels":["web"],"value":1,"priority":1,
                 "rules":{"field":"attributes.email","op":"exists"}}""").status()).isBetween(200, 201);
        Http.Reply sent = anonymous.withKey(TestServices.ADMIN_KEY).post("/v1/events", """
                {"type":"attribute_update","eventId":"access-pii-1","customerId":"access-pii","timestamp":"%s",
                 "attributes":{"email":"jane@example.com"}}""".formatted(java.time.Instant.now()));
        String after = sent.json().get("readAfter").asText();
        String path = "/v1/customers/access-pii/offers?channel=web&explain=true&preview=true&limit=20&after=" + after;

        Map<String, String> probeReasons = new java.util.HashMap<>();
        Map<String, String> segments = new java.util.HashMap<>();
        for (String role : List.of("site", "marketer", "agent", "admin")) {
            Http.Reply reply = anonymous.withKey(KEYS.get(role)).get(path);
            assertThat(reply.status()).as(role + ": " + reply).isEqualTo(200);
            segments.put(role, reply.json().at("/offers/0/propensity/segment").asText());
            for (var drop : reply.json().get("dropped")) {
                if (drop.get("offerId").asText().equals("access-probe")) {
                    probeReasons.put(role, drop.get("reason").asText());
                }
            }
        }

        assertThat(probeReasons.get("agent")).contains("attributes.email eq \"?\" is false (actual \"jane@example.com\")");
        assertThat(probeReasons.get("admin")).contains("(actual \"jane@example.com\")");
        for (String role : List.of("site", "marketer")) {
            assertThat(probeReasons.get(role)).as(role).isEqualTo("offer rule: does not hold for this customer (which"
                    + " condition failed is shown to keys that may read profiles)");
            assertThat(segments.get(role)).as(role + ": the value tier learning reads, not named")
                    .endsWith(" (this customer's value tier)").doesNotContain("low");
        }
        assertThat(segments.get("agent")).as("named to a key that reads profiles").matches("web/\\w+/low");
    }

    @Test
    void shouldRememberRequestIdsApartForKeysThatReadProfilesAndKeysThatDoNot() {
        String path = "/v1/customers/access-replay/offers?channel=web&explain=true&requestId=call-7";
        Http.Reply agent = anonymous.withKey(TestServices.AGENT_KEY).get(path);
        Http.Reply site = anonymous.withKey(TestServices.SITE_KEY).get(path);
        Http.Reply siteAgain = anonymous.withKey(TestServices.SITE_KEY).get(path);

        assertThat(agent.status()).isEqualTo(200);
        assertThat(site.status()).as("decided anew, not the agent's answer and no 422: " + site).isEqualTo(200);
        assertThat(site.header("X-Replayed")).isNull();
        assertThat(siteAgain.header("X-Replayed")).as("its own retry is replayed").isEqualTo("true");
        assertThat(siteAgain.json().get("decisionId").asText()).isEqualTo(site.json().get("decisionId").asText());
    }

    @Test
    void shouldKeepTheSiteKeyToTheChannelsCustomersComeToAndToWithdrawingConsent() {
        Http site = anonymous.withKey(TestServices.SITE_KEY);
        Http agent = anonymous.withKey(TestServices.AGENT_KEY);
        Http.Reply email = site.get("/v1/customers/access-c9/offers?channel=email");
        Http.assertProblem(email, 403, "/problems/forbidden");
        assertThat(email.json().get("detail").asText())
                .startsWith("a site key decides and previews on app, store, web only (SITE_KEY_CHANNELS)")
                .contains("counts against that channel's caps");
        Http.Reply preview = site.get("/v1/customers/access-c9/offers?channel=email&preview=true");
        Http.assertProblem(preview, 403, "/problems/forbidden");
        assertThat(preview.json().get("detail").asText()).as("a preview counts nothing")
                .doesNotContain("caps").contains("previewed with an agent or marketer key");
        assertThat(site.get("/v1/customers/access-c9/offers?channel=app").status()).isEqualTo(200);
        assertThat(agent.get("/v1/customers/access-c9/offers?channel=email").status()).isEqualTo(200);

        java.time.Instant now = java.time.Instant.now();
        String purchase = """
                {"type":"purchase","eventId":"access-p1","customerId":"access-c9","timestamp":"%s","channel":"web",
                 "amount":10,"currency":"EUR"}""".formatted(now);
        Http.Reply forged = site.post("/v1/events", purchase);
        Http.assertProblem(forged, 400, "/problems/invalid-events");
        assertThat(forged.json().at("/invalid/0/reasons/0").asText())
                .isEqualTo("$.type: a site key may not send purchase events (SITE_KEY_EVENTS): send them from your"
                        + " server, with an agent key");
        Http.Reply given = site.post("/v1/events", consent("access-g1", now, true));
        Http.assertProblem(given, 400, "/problems/invalid-events");
        assertThat(given.json().at("/invalid/0/reasons/0").asText())
                .startsWith("$.consents.email: a site key may withdraw a consent, not give one");
        assertThat(agent.post("/v1/events", consent("access-g2", now, true)).status()).isEqualTo(202);
        assertThat(site.post("/v1/events", consent("access-w1", now.plusSeconds(23 * 3600), false)).status())
                .as("a withdrawal, dated ahead").isEqualTo(202);
        assertThat(agent.post("/v1/events", consent("access-g3", now.plusSeconds(60), true)).status()).isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                agent.get("/v1/customers/access-c9").json().path("eventCount").asInt() == 3);
        assertThat(agent.get("/v1/customers/access-c9").json().at("/consents/email").asBoolean())
                .as("the site key's event counts from when it came, not from the time it claimed").isTrue();

        assertThat(agent.post("/v1/events", consent("access-g4", java.time.Instant.now().plusSeconds(3600), true))
                .status()).isEqualTo(202);
        assertThat(site.post("/v1/events", consent("access-w2", java.time.Instant.now(), false)).status())
                .isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                agent.get("/v1/customers/access-c9").json().path("eventCount").asInt() == 5);
        assertThat(agent.get("/v1/customers/access-c9").json().at("/consents/email").asBoolean())
                .as("a consent a server dated ahead does not outrank the withdrawal that came after it").isFalse();
    }

    private static String consent(String eventId, java.time.Instant at, boolean given) {
        return """
                {"type":"consent_update","eventId":"%s","customerId":"access-c9","timestamp":"%s",
                 "consents":{"email":%b}}""".formatted(eventId, at, given);
    }

    @Test
    void shouldShowAdminsTheConfigurationWithoutSecrets() {
        Http.Reply reply = anonymous.withKey(TestServices.ADMIN_KEY).get("/v1/admin/config");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/settings/TOPIC_PARTITIONS").asText()).isEqualTo("3");
        assertThat(reply.json().at("/settings/CORS_ORIGINS").asText()).as("as given").isEqualTo("https://shop.example");
        assertThat(reply.json().at("/settings/API_KEYS").asText()).contains("site", "admin");
        assertThat(reply.json().at("/settings/FORWARDING_SECRET").asText()).isEqualTo("derived from the keys");
        for (String secret : KEYS.values()) {
            assertThat(reply.body()).doesNotContain(secret);
        }
    }
}
