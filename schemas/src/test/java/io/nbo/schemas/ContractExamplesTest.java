package io.nbo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.campaigns.CampaignCodec;
import io.nbo.schemas.events.CustomerEvent;
import io.nbo.schemas.events.EventCodec;
import io.nbo.schemas.events.EventType;
import io.nbo.schemas.events.OfferResponse;
import io.nbo.schemas.events.TransactionEvent;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.OfferCodec;
import io.nbo.schemas.validation.Decoded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ContractExamplesTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
    private final EventCodec codec = new EventCodec(NOW);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldHaveAnAcceptedExampleOfEveryEventType(EventType type) throws IOException {
        String name = type.wireName();
        Decoded<CustomerEvent> decoded = codec.decode(example(name), EventType.OFFER_RESPONSE);

        assertThat(decoded.violations()).as("violations of example %s", name).isEmpty();
        assertThat(decoded.value().eventType().wireName()).isEqualTo(name.equals("offer_response")
                ? "offer_response" : name);
        assertThat(decoded.value().subjectId()).isNotBlank();
    }

    @Test
    void shouldAcceptTheOfferExample() throws IOException {
        Decoded<Offer> decoded = new OfferCodec().decode(Json.mapper().readTree(example("offer")));

        assertThat(decoded.violations()).isEmpty();
        assertThat(decoded.value().validFrom()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(decoded.value().channels()).containsExactly("web", "app", "email");
    }

    @Test
    void shouldReadMinusZeroAsZero() throws IOException {
        ObjectNode offer = (ObjectNode) Json.mapper().readTree(example("offer"));
        Offer read = new OfferCodec().decode(offer.put("value", -0.0)).value();
        Campaign campaign = new CampaignCodec().decode(Json.mapper().readTree("""
                {"campaignId":"c","name":"C","controlShare":-0.0,"lever":-0.0}""")).value();

        assertThat(Double.doubleToRawLongBits(read.value())).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(campaign.controlShare())).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(Double.doubleToRawLongBits(campaign.lever())).isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @Test
    void shouldRefuseControlCharactersInNamesButKeepLineBreaksInTexts() throws IOException {
        ObjectNode offer = (ObjectNode) Json.mapper().readTree(example("offer"));
        Decoded<Offer> nul = new OfferCodec().decode(offer.deepCopy().put("name", "Ten\u0000percent"));
        Decoded<Offer> tab = new OfferCodec().decode(offer.deepCopy().put("name", "Ten\tpercent"));
        Decoded<Offer> lines = new OfferCodec().decode(offer.deepCopy().put("description", "Line one\r\nLine\ttwo"));
        Decoded<Offer> bell = new OfferCodec().decode(offer.deepCopy().put("description", "Ring\u0007"));

        assertThat(nul.violations()).containsExactly("$.name: must not contain control characters (line breaks, tabs,"
                + " NUL): it is shown on one line");
        assertThat(tab.ok()).isFalse();
        assertThat(lines.violations()).isEmpty();
        assertThat(bell.violations()).containsExactly("$.description: must not contain control characters other than"
                + " line breaks and tabs");
    }

    @Test
    void shouldNormaliseIsoTimestampsToEpochMillis() throws IOException {
        CustomerEvent event = codec.decode(example("page_view"), null).value();

        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-24T10:15:30Z").toEpochMilli());
        JsonNode written = Json.mapper().readTree(codec.encode(event));
        assertThat(written.get("timestamp").isNumber()).isTrue();
        assertThat(codec.decode(codec.encode(event), null).value()).isEqualTo(event);
    }

    @Test
    void shouldRefuseDateTimesBeyondWhatEpochMillisecondsHold() throws IOException {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(example("page_view"));
        ObjectNode offer = (ObjectNode) Json.mapper().readTree(example("offer"));

        Decoded<CustomerEvent> farFuture = codec.decode(event.deepCopy().put("timestamp", "+999999999-12-31T23:59:59Z"), null);
        Decoded<CustomerEvent> farPast = codec.decode(event.deepCopy().put("timestamp", "-999999999-01-01T00:00:00Z"), null);
        Decoded<CustomerEvent> justBeyond = codec.decode(event.deepCopy().put("timestamp", "+292278994-08-17T07:12:55.808Z"), null);
        Decoded<Offer> validFrom = new OfferCodec().decode(offer.deepCopy().put("validFrom", "+999999999-12-31T23:59:59Z"));

        assertThat(farFuture.violations()).containsExactly("$.timestamp: '+999999999-12-31T23:59:59Z' is beyond the times"
                + " this service can hold (epoch milliseconds)");
        assertThat(farPast.ok()).isFalse();
        assertThat(justBeyond.ok()).isFalse();
        assertThat(validFrom.violations()).singleElement().asString().startsWith("$.validFrom: '+999999999");
    }

    @Test
    void shouldDeriveAResponseIdSoThatARepeatedPostCountsOnce() throws IOException {
        OfferResponse response = (OfferResponse) codec.decode(example("offer_response"), EventType.OFFER_RESPONSE)
                .value();

        assertThat(response.eventId()).isEqualTo("d-5c1e:o-outdoor-10:convert");
    }

    @Test
    void shouldKeepADerivedResponseIdWithinTheIdLimit() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(example("offer_response"));
        node.put("offerId", "o".repeat(125));

        OfferResponse response = (OfferResponse) codec.decode(node, EventType.OFFER_RESPONSE).value();

        assertThat(response.eventId()).startsWith("r-").hasSizeLessThanOrEqualTo(128);
        assertThat(codec.decode(codec.encode(response), EventType.OFFER_RESPONSE).ok()).isTrue();
    }

    @Test
    void shouldKeepTheNullThatRemovesAnAttributeThroughEncoding() {
        var update = codec.decode("""
                {"type":"attribute_update","eventId":"u1","customerId":"c1","timestamp":"2026-11-29T10:00:00Z",
                 "attributes":{"tier":null,"city":"Lyon"}}""".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);

        assertThat(update.ok()).as(update.reason()).isTrue();
        var again = (io.nbo.schemas.events.CustomerUpdate) codec.decode(codec.encode(update.value()), null).value();

        assertThat(again.attributes()).containsEntry("tier", null).containsEntry("city", "Lyon");
    }

    @Test
    void shouldKeepTransactionItems() throws IOException {
        TransactionEvent purchase = (TransactionEvent) codec.decode(example("purchase"), null).value();

        assertThat(purchase.items()).hasSize(2);
        assertThat(purchase.items().get(0).category()).isEqualTo("outdoor");
    }

    static Stream<Arguments> brokenEvents() {
        return Stream.of(
                Arguments.of("missing eventId", "page_view", "remove:eventId", "$: required property 'eventId' not found"),
                Arguments.of("missing subject", "page_view", "remove:customerId", "$: needs a customerId, an anonymousId, or both"),
                Arguments.of("wrong type of field", "purchase", "set:amount=\"lots\"", "$.amount: string found, number expected"),
                Arguments.of("negative amount", "purchase", "set:amount=-5", "$.amount: must have a minimum value of 0"),
                Arguments.of("unknown event type", "page_view", "set:type=\"teleport\"", "$.type: unknown event type 'teleport'"),
                Arguments.of("type not a string", "page_view", "set:type=7", "$.type: must be a string"),
                Arguments.of("extra field", "page_view", "set:colour=\"red\"", "$: property 'colour' is not defined in the schema"),
                Arguments.of("bad currency", "purchase", "set:currency=\"euro\"", "$.currency: must be three capital letters, an ISO 4217"),
                Arguments.of("unsafe id", "page_view", "set:customerId=\"<script>alert(1)</script>\"",
                        "$.customerId: must be 1-128 characters of letters, digits and ._:@/+=-, starting with a letter or digit"),
                Arguments.of("nps out of range", "nps", "set:nps=11", "$.nps: must have a maximum value of 10"),
                Arguments.of("number beyond a double where a name belongs", "page_view", "set:channel=1e309",
                        "$.channel: number out of range"),
                Arguments.of("number beyond a double in a list of names", "offer_response", "set:outcome=[-1e309]",
                        "$.outcome[0]: number out of range"),
                Arguments.of("vote without idea", "vote", "remove:ideaId", "required property 'ideaId' not found"),
                Arguments.of("complaint without words", "complaint", "set:text=\" \\n \"",
                        "$.text: must say something: a complaint without words tells nothing"),
                Arguments.of("empty idea", "idea", "set:text=\"\"", "$.text: must say something: an idea without words"),
                Arguments.of("unreadable time", "page_view", "set:timestamp=\"yesterday\"", "$.timestamp: 'yesterday' is neither"),
                Arguments.of("time far in future", "page_view", "set:timestamp=\"2031-01-01T00:00:00Z\"", "hours in the future"),
                Arguments.of("epoch microseconds", "page_view", "set:timestamp=1795000000000000", "hours in the future;"
                        + " times are epoch milliseconds, and 1795000000000000 reads as 2026-11-18T11:06:40Z in microseconds"),
                Arguments.of("time far in past", "page_view", "set:timestamp=5", "is before 2000-01-01T00:00:00Z"),
                Arguments.of("epoch seconds", "page_view", "set:timestamp=1795000000", "is before 2000-01-01T00:00:00Z;"
                        + " times are epoch milliseconds, and 1795000000 reads as 2026-11-18T11:06:40Z in seconds"),
                Arguments.of("unknown outcome", "offer_response", "set:outcome=\"love\"", "$.outcome: does not have a value in the enumeration"),
                Arguments.of("a score on a rating", "rating", "set:nps=0", "$.nps: is read on an nps event only"),
                Arguments.of("a rating on a score", "nps", "set:rating=3", "$.rating: is read on a rating event only"),
                Arguments.of("a vote on an idea", "idea", "set:vote=1", "$.vote: is read on a vote event only"),
                Arguments.of("an idea on a complaint", "complaint", "set:ideaId=\"i9\"", "$.ideaId: is read on an idea or a vote only"),
                Arguments.of("a query on a page view", "page_view", "set:query=\"shoes\"", "$.query: is read on a search only"),
                Arguments.of("a search without words", "search", "remove:query", "required property 'query' not found"),
                Arguments.of("an empty consent update", "consent_update", "set:consents={}", "$.consents: must name at least one"),
                Arguments.of("attributes on a consent update", "consent_update", "set:attributes={\"tier\":\"gold\"}",
                        "$.attributes: is read on an attribute_update only"),
                Arguments.of("a control character of the second set", "attribute_update",
                        "set:attributes={\"nm\":\"a\\u0085b\"}", "$.attributes.nm: must not contain control characters"),
                Arguments.of("a complaint of invisible characters", "complaint", "set:text=\"\\u200b\\u3000\"",
                        "$.text: must say something"),
                Arguments.of("an empty attribute update", "attribute_update", "set:attributes={}", "$.attributes: must name at least one"),
                Arguments.of("a line break in an attribute", "attribute_update", "set:attributes={\"nm\":\"a\\nb\"}",
                        "$.attributes.nm: must not contain control characters"),
                Arguments.of("epoch milliseconds in quotes", "page_view", "set:timestamp=\"1796669053060\"",
                        "$.timestamp: '1796669053060' is neither epoch milliseconds nor an ISO-8601 date-time; epoch"
                                + " milliseconds go as a JSON number, without quotes"),
                Arguments.of("a time beyond a long", "page_view", "set:timestamp=1000000000000000000000000000000",
                        "$.timestamp: 1000000000000000000000000000000 is beyond the times this service can hold"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEvents")
    void shouldRefuseBrokenEventsWithAPreciseReason(String name, String example, String change, String expected)
            throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(example(example));
        String[] parts = change.split(":", 2);
        if (parts[0].equals("remove")) {
            node.remove(parts[1]);
        } else {
            String[] assignment = parts[1].split("=", 2);
            node.set(assignment[0], Json.mapper().readTree(assignment[1]));
        }

        Decoded<CustomerEvent> decoded = codec.decode(node, EventType.OFFER_RESPONSE);

        assertThat(decoded.ok()).as("%s should be refused", name).isFalse();
        assertThat(decoded.reason()).contains(expected);
    }

    @Test
    void shouldRefuseOversizeEventsBeforeParsing() {
        byte[] huge = ("{\"type\":\"page_view\",\"page\":\"" + "x".repeat(EventCodec.MAX_EVENT_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        Decoded<CustomerEvent> decoded = codec.decode(huge, null);

        assertThat(decoded.reason()).isEqualTo("event is " + huge.length + " bytes; the limit is 32768");
    }

    @Test
    void shouldLeaveAParsedDocumentAsItWasAndReadItAsItsBytesRead() throws IOException {
        byte[] bytes = example("offer_response");
        JsonNode parsed = Json.mapper().readTree(bytes);
        JsonNode untouched = parsed.deepCopy();

        Decoded<CustomerEvent> fromTree = codec.decode(parsed, EventType.OFFER_RESPONSE);

        assertThat(parsed).isEqualTo(untouched);
        assertThat(fromTree.value()).isEqualTo(codec.decode(bytes, EventType.OFFER_RESPONSE).value());
    }

    @Test
    void shouldRefuseAnOversizeParsedDocument() throws IOException {
        ObjectNode item = (ObjectNode) Json.mapper().readTree(example("page_view"));
        item.put("page", "x".repeat(EventCodec.MAX_EVENT_BYTES));

        assertThat(codec.decode(item, null).reason()).matches("event is \\d+ bytes; the limit is 32768");
    }

    @Test
    void shouldRefuseMalformedJsonAndNonObjects() throws IOException {
        assertThat(codec.decode("{\"type\":".getBytes(StandardCharsets.UTF_8), null).reason())
                .startsWith("not valid JSON");
        assertThat(codec.decode("[1,2]".getBytes(StandardCharsets.UTF_8), null).reason())
                .isEqualTo("an event must be a JSON object, got array");
        assertThat(codec.decode((byte[]) null, null).reason()).isEqualTo("record has no value");
        assertThat(codec.decode(new byte[0], null).reason()).isEqualTo("an event must be a JSON object, got nothing");
        assertThat(codec.decode(("{\"events\":[" + new String(example("page_view"), StandardCharsets.UTF_8) + "]}")
                .getBytes(StandardCharsets.UTF_8), null).reason()).startsWith("a record holds one event, not the collector's batch wrapper");
    }

    @Test
    void shouldRefuseAnOfferThatEndsBeforeItStarts() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(example("offer"));
        node.put("validTo", "2026-10-01T00:00:00Z");

        assertThat(new OfferCodec().decode(node).reason()).isEqualTo("$.validTo: must be after validFrom");
    }

    @Test
    void shouldRefuseACampaignThatEndsBeforeItStarts() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(
                "{\"campaignId\":\"c1\",\"name\":\"x\",\"validFrom\":\"2026-11-01T00:00:00Z\",\"validTo\":\"2026-10-01T00:00:00Z\"}");

        assertThat(new CampaignCodec().decode(node).reason()).isEqualTo("$.validTo: must be after validFrom");
        node.put("validTo", "2026-12-01T00:00:00Z");
        assertThat(new CampaignCodec().decode(node).ok()).isTrue();
    }

    @Test
    void shouldSayWhatIsMissingFromATimeWithoutZone() throws IOException {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(example("page_view"));
        event.put("timestamp", "2026-11-29T12:00:00");

        assertThat(new EventCodec(NOW).decode(event, null).reason())
                .contains("'2026-11-29T12:00:00' is neither epoch milliseconds nor an ISO-8601 date-time with a zone offset");
        event.put("timestamp", "yesterday");
        assertThat(new EventCodec(NOW).decode(event, null).reason()).doesNotContain("zone");
    }

    @Test
    void shouldRefuseHalfASurrogatePairButNotAWholeOne() throws IOException {
        ObjectNode half = (ObjectNode) Json.mapper().readTree(example("page_view"));
        half.put("page", "/p\ud800x");
        ObjectNode whole = (ObjectNode) Json.mapper().readTree(example("page_view"));
        whole.put("page", "/p\ud83d\ude00");

        assertThat(codec.decode(half, null).reason()).contains("$.page: text holds half of a UTF-16 surrogate pair");
        assertThat(codec.decode(whole, null).ok()).isTrue();
    }

    @Test
    void shouldRefuseAHugeListUnreadWithOneReason() throws IOException {
        ObjectNode offer = (ObjectNode) Json.mapper().readTree(example("offer"));
        com.fasterxml.jackson.databind.node.ArrayNode ids = offer.putArray("productIds");
        for (int i = 0; i < 130_000; i++) {
            ids.add("_" + Integer.toString(i, 36));
        }

        assertThat(new OfferCodec().decode(offer).violations())
                .containsExactly("$.productIds: 130000 items, far more than any contract takes: refused unread");
    }

    @Test
    void shouldRefuseABlankName() throws IOException {
        for (String blank : List.of(" ", "\u200B", "\u00A0\u3000", "\u2800", "\u3164", "\u00AD", "\uFE0F")) {
            ObjectNode offer = (ObjectNode) Json.mapper().readTree(example("offer"));
            offer.put("name", blank);
            assertThat(new OfferCodec().decode(offer).reason()).as("'%s'", blank)
                    .contains("$.name: must show something: it is blank");
        }
    }

    @Test
    void shouldRefuseEpochMillisThatDoNotFitInALong() throws IOException {
        ObjectNode offer = (ObjectNode) Json.mapper().readTree(example("offer"));
        offer.remove("validFrom");
        offer.set("validTo", Json.mapper().readTree("9223372036854775808"));
        assertThat(new OfferCodec().decode(offer).reason()).contains("$.validTo: 9223372036854775808 is beyond the times");
        offer.set("validTo", Json.mapper().readTree("1e30"));
        assertThat(new OfferCodec().decode(offer).ok()).isFalse();
        offer.set("validTo", Json.mapper().readTree("1.8e12"));
        assertThat(new OfferCodec().decode(offer).value().validTo()).isEqualTo(1_800_000_000_000L);
    }

    @Test
    void shouldRefuseAKeyGivenTwice() {
        String twice = "{\"type\":\"page_view\",\"eventId\":\"e1\",\"customerId\":\"a\",\"customerId\":\"b\","
                + "\"timestamp\":\"2026-11-29T12:00:00Z\",\"channel\":\"web\"}";

        assertThat(codec.decode(twice.getBytes(StandardCharsets.UTF_8), null).reason())
                .startsWith("not valid JSON").contains("Duplicate field 'customerId'");
    }

    @Test
    void shouldRefuseAnOfferWithoutChannels() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(example("offer"));
        node.remove("channels");

        assertThat(new OfferCodec().decode(node).reason()).contains("required property 'channels' not found");
    }

    static byte[] example(String name) throws IOException {
        try (InputStream in = ContractExamplesTest.class.getResourceAsStream("/examples/v1/" + name + ".json")) {
            assertThat(in).as("example %s exists", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
