package io.nbo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.schemas.json.Json;
import io.nbo.schemas.offers.OfferCodec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offer and campaign rules: what the contract refuses, on every read and on what the API is given. */
class RuleContractTest {
    @Test
    void shouldAcceptRulesOnRelationshipMeasures() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(ContractExamplesTest.example("offer"));
        node.set("rules", Json.mapper().readTree("{\"field\":\"relationship.stage\",\"op\":\"eq\",\"value\":\"intimacy\"}"));

        assertThat(new OfferCodec().decode(node).violations()).isEmpty();
    }

    @Test
    void shouldRefuseWrittenRulesWithValuesTheirFactNeverTakesButReadStoredOnes() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(ContractExamplesTest.example("offer"));
        Map<String, String> expectedByRule = new java.util.LinkedHashMap<>();
        expectedByRule.put("{\"field\":\"relationship.stage\",\"op\":\"eq\",\"value\":\"intimcy\"}",
                "$.rules.value: is never a value of relationship.stage, which is one of: contact, involvement, intimacy,"
                        + " deterioration, repair, dissolution");
        expectedByRule.put("{\"field\":\"relationship.openIssueCause\",\"op\":\"in\",\"value\":[\"lapse\"]}",
                "$.rules.value[0]: is never a value of relationship.openIssueCause, which is one of: complaint,"
                        + " detractor score, lapsed purchases");
        expectedByRule.put("{\"not\":{\"field\":\"request.channel\",\"op\":\"in\",\"value\":[\"web\",\"fax\"]}}",
                "$.rules.not.value[1]: is never a value of request.channel");
        expectedByRule.put("{\"any\":[{\"field\":\"known\",\"op\":\"eq\",\"value\":true},"
                + "{\"field\":\"request.dayOfWeek\",\"op\":\"ne\",\"value\":8}]}",
                "$.rules.any[1].value: a day of the week is 1 (Monday) to 7 (Sunday)");
        expectedByRule.put("{\"field\":\"request.dayOfWeek\",\"op\":\"eq\",\"value\":\"8\"}",
                "$.rules.value: a day of the week is 1 (Monday) to 7 (Sunday)");
        expectedByRule.put("{\"field\":\"request.hourOfDay\",\"op\":\"not_in\",\"value\":[2.5]}",
                "$.rules.value[0]: an hour of the day is 0 to 23 (in RULES_TIME_ZONE)");
        expectedByRule.put("{\"field\":\"attributes.tier\",\"op\":\"exists\",\"value\":5}",
                "$.rules.value: exists and missing take no value");
        assertRefusedWhenWrittenOnly(node, expectedByRule);
        node.set("rules", Json.mapper().readTree("{\"op\":\"eq\",\"value\":\"gold\"}"));
        assertThat(new OfferCodec().decodeWritten(node).violations()).as("only the contract's refusal, none guessed")
                .noneMatch(v -> v.contains("is never a value"));
    }

    @Test
    void shouldRefuseWrittenComparisonsOutsideTheRangeOfTheirFact() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(ContractExamplesTest.example("offer"));
        Map<String, String> expectedByRule = new java.util.LinkedHashMap<>();
        expectedByRule.put("{\"field\":\"feedback.lastNps\",\"op\":\"gt\",\"value\":10}",
                "$.rules.value: feedback.lastNps is a score, 0 to 10 (whole numbers), never above 10, so gt 10 would"
                        + " never hold");
        expectedByRule.put("{\"all\":[{\"field\":\"known\",\"op\":\"eq\",\"value\":true},"
                + "{\"field\":\"eventCount\",\"op\":\"lt\",\"value\":0}]}",
                "$.rules.all[1].value: eventCount is a count, 0 or more (whole numbers), never below 0");
        expectedByRule.put("{\"field\":\"interest.books\",\"op\":\"gt\",\"value\":\"1\"}",
                "$.rules.value: interest.books is a share, 0 to 1, never above 1");
        expectedByRule.put("{\"field\":\"rfm.recency\",\"op\":\"eq\",\"value\":9}",
                "$.rules.value: rfm.recency is a score, 1 to 5 (whole numbers), never equal to 9");
        expectedByRule.put("{\"field\":\"rfm.code\",\"op\":\"in\",\"value\":[523,666]}",
                "$.rules.value: rfm.code is three scores of 1 to 5, 111 to 555 (whole numbers), never equal to 666");
        expectedByRule.put("{\"not\":{\"field\":\"request.hourOfDay\",\"op\":\"gt\",\"value\":30}}",
                "$.rules.not.value: request.hourOfDay is an hour of the day, 0 to 23 (whole numbers), never above 30");
        expectedByRule.put("{\"field\":\"feedback.lastRating\",\"op\":\"ne\",\"value\":0}",
                "$.rules.value: feedback.lastRating is a rating, 1 to 5 (whole numbers), never equal to 0, so ne 0"
                        + " would always hold");
        expectedByRule.put("{\"field\":\"rfm.code\",\"op\":\"in\",\"value\":[523,160]}",
                "$.rules.value: rfm.code is never 160, since each of its three digits is a score of 1 to 5");
        expectedByRule.put("{\"field\":\"request.placement\",\"op\":\"eq\",\"value\":\"Home Page\"}",
                "$.rules.value: request.placement is never Home Page, since placements are ids");
        expectedByRule.put("{\"field\":\"topInterest\",\"op\":\"ne\",\"value\":\"home garden\"}",
                "$.rules.value: topInterest is never home garden, since categories are ids");
        expectedByRule.put("{\"field\":\"spend.net\",\"op\":\"gte\",\"value\":\"1e400\"}",
                "$.rules.value: 1e400 is beyond the numbers a fact holds");
        assertRefusedWhenWrittenOnly(node, expectedByRule);
        for (String fine : List.of("{\"field\":\"interest.books\",\"op\":\"gte\",\"value\":1}",
                "{\"field\":\"rfm.recency\",\"op\":\"lte\",\"value\":1}",
                "{\"field\":\"eventCount\",\"op\":\"gte\",\"value\":0}",
                "{\"field\":\"feedback.lastNps\",\"op\":\"in\",\"value\":[9,\"10\"]}",
                "{\"field\":\"rfm.recency\",\"op\":\"gt\",\"value\":4.5}",
                "{\"field\":\"spend.net\",\"op\":\"lt\",\"value\":-5}",
                "{\"field\":\"attributes.age\",\"op\":\"gt\",\"value\":1000}",
                "{\"field\":\"rfm.code\",\"op\":\"in\",\"value\":[111,\"555\",523]}",
                "{\"field\":\"request.placement\",\"op\":\"in\",\"value\":[\"home\",\"hero+1\"]}",
                "{\"field\":\"topInterest\",\"op\":\"eq\",\"value\":5}")) {
            node.set("rules", Json.mapper().readTree(fine));
            assertThat(new OfferCodec().decodeWritten(node).violations()).as(fine).isEmpty();
        }
    }

    @Test
    void shouldRefuseWrittenGroupsWhoseConditionsExcludeEachOther() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(ContractExamplesTest.example("offer"));
        Map<String, String> expectedByRule = new java.util.LinkedHashMap<>();
        expectedByRule.put("{\"all\":[{\"field\":\"request.hourOfDay\",\"op\":\"gte\",\"value\":18},"
                + "{\"field\":\"request.hourOfDay\",\"op\":\"lt\",\"value\":9}]}",
                "$.rules.all: request.hourOfDay gte 18 and lt 9 exclude each other (whole numbers), so this group"
                        + " would never hold (for either, list them under any)");
        expectedByRule.put("{\"not\":{\"all\":[{\"field\":\"spend.net\",\"op\":\"gt\",\"value\":\"100\"},"
                + "{\"field\":\"known\",\"op\":\"eq\",\"value\":true},"
                + "{\"field\":\"spend.net\",\"op\":\"lte\",\"value\":100}]}}",
                "$.rules.not.all: spend.net gt 100 and lte 100 exclude each other");
        expectedByRule.put("{\"all\":[{\"field\":\"rfm.recency\",\"op\":\"gt\",\"value\":3},"
                + "{\"field\":\"rfm.recency\",\"op\":\"lt\",\"value\":4}]}",
                "$.rules.all: rfm.recency gt 3 and lt 4 exclude each other (whole numbers)");
        expectedByRule.put("{\"all\":[{\"field\":\"attributes.age\",\"op\":\"eq\",\"value\":30},"
                + "{\"field\":\"attributes.age\",\"op\":\"gte\",\"value\":40}]}",
                "$.rules.all: attributes.age eq 30 and gte 40 exclude each other, so");
        assertRefusedWhenWrittenOnly(node, expectedByRule);
        for (String fine : List.of(
                "{\"any\":[{\"field\":\"request.hourOfDay\",\"op\":\"gte\",\"value\":18},"
                        + "{\"field\":\"request.hourOfDay\",\"op\":\"lt\",\"value\":9}]}",
                "{\"all\":[{\"field\":\"request.hourOfDay\",\"op\":\"gte\",\"value\":9},"
                        + "{\"field\":\"request.hourOfDay\",\"op\":\"lte\",\"value\":9}]}",
                "{\"all\":[{\"field\":\"interest.books\",\"op\":\"gt\",\"value\":0.3},"
                        + "{\"field\":\"interest.books\",\"op\":\"lt\",\"value\":0.31}]}",
                "{\"all\":[{\"field\":\"attributes.tier\",\"op\":\"eq\",\"value\":\"gold\"},"
                        + "{\"field\":\"attributes.tier\",\"op\":\"eq\",\"value\":\"silver\"}]}",
                "{\"all\":[{\"field\":\"spend.net\",\"op\":\"gt\",\"value\":10},"
                        + "{\"field\":\"spend.total\",\"op\":\"lt\",\"value\":5}]}")) {
            node.set("rules", Json.mapper().readTree(fine));
            assertThat(new OfferCodec().decodeWritten(node).violations()).as(fine).isEmpty();
        }
    }

    /** Each rule, in an offer and in a campaign, gets its one reason when written, and still reads when stored. */
    private static void assertRefusedWhenWrittenOnly(ObjectNode offer, Map<String, String> expectedByRule)
            throws IOException {
        for (var rule : expectedByRule.entrySet()) {
            offer.set("rules", Json.mapper().readTree(rule.getKey()));
            assertThat(new OfferCodec().decodeWritten(offer).violations()).as(rule.getKey()).singleElement()
                    .asString().startsWith(rule.getValue());
            assertThat(new OfferCodec().decode(offer).ok()).as("a stored " + rule.getKey() + " still reads").isTrue();
            ObjectNode campaign = (ObjectNode) Json.mapper().readTree("{\"campaignId\":\"c1\",\"name\":\"C\"}");
            campaign.set("rules", offer.get("rules"));
            assertThat(new io.nbo.schemas.campaigns.CampaignCodec().decodeWritten(campaign).ok()).isFalse();
        }
    }

    @Test
    void shouldNameWhatIsWrongWithTheRuleThatWasMeant() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(ContractExamplesTest.example("offer"));
        node.set("rules", Json.mapper().readTree("{\"field\":\"spend.net\",\"op\":\"bigger\",\"value\":50}"));
        List<String> wrongOperator = new OfferCodec().decode(node).violations();
        node.set("rules", Json.mapper().readTree(
                "{\"all\":[{\"field\":\"spend.net\",\"op\":\"gte\",\"value\":5},{\"field\":\"spend.gross\",\"op\":\"gt\",\"value\":1}]}"));
        List<String> nestedField = new OfferCodec().decode(node).violations();
        node.set("rules", Json.mapper().readTree("{\"all\":[],\"any\":[]}"));
        List<String> twoKinds = new OfferCodec().decode(node).violations();

        assertThat(wrongOperator).singleElement().asString().startsWith("$.rules.op:");
        assertThat(nestedField).singleElement().asString().startsWith("$.rules.all[1].field:");
        assertThat(twoKinds).isNotEmpty().allSatisfy(v -> assertThat(v).doesNotContain("'field'"));
    }

    @Test
    void shouldRefuseComparisonsThatCouldNeverHold() throws IOException {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(ContractExamplesTest.example("offer"));
        Map<String, String> expectedPathByRule = new java.util.LinkedHashMap<>();
        expectedPathByRule.put("{\"field\":\"spend.net\",\"op\":\"gte\"}", "$.rules");
        expectedPathByRule.put("{\"field\":\"spend.net\",\"op\":\"in\",\"value\":100}", "$.rules.value");
        expectedPathByRule.put("{\"field\":\"spend.net\",\"op\":\"not_in\",\"value\":[]}", "$.rules.value");
        expectedPathByRule.put("{\"field\":\"spend.net\",\"op\":\"gt\",\"value\":\"abc\"}", "$.rules.value");
        expectedPathByRule.put("{\"field\":\"attributes.tier\",\"op\":\"lt\",\"value\":true}", "$.rules.value");
        expectedPathByRule.put("{\"field\":\"attributes.tier\",\"op\":\"eq\",\"value\":[\"a\"]}", "$.rules.value");
        expectedPathByRule.put("{\"field\":\"known\",\"op\":\"gt\",\"value\":\"abc\"}", "$.rules");
        expectedPathByRule.put("{\"field\":\"consents.email\",\"op\":\"eq\",\"value\":\"yes\"}", "$.rules.value");
        expectedPathByRule.put("{\"field\":\"spend.net\",\"op\":\"in\",\"value\":[\"a\",\"b\"]}", "$.rules.value");
        expectedPathByRule.put("{\"field\":\"spend.net\",\"op\":\"contains\",\"value\":\"x\"}", "$.rules");
        expectedPathByRule.put("{\"field\":\"relationship.openIssue\",\"op\":\"gt\",\"value\":1}", "$.rules");
        expectedPathByRule.put("{\"field\":\"spend.net\",\"op\":\"lt\",\"value\":1e400}", "$.rules.value");
        for (var rule : expectedPathByRule.entrySet()) {
            node.set("rules", Json.mapper().readTree(rule.getKey()));
            assertThat(new OfferCodec().decode(node).violations()).as(rule.getKey())
                    .isNotEmpty().allSatisfy(v -> assertThat(v).startsWith(rule.getValue()));
        }
        node.set("rules", Json.mapper().readTree("{\"field\":\"relationship.openIssue\",\"op\":\"gt\",\"value\":true}"));
        assertThat(new OfferCodec().decode(node).violations()).as("worded for a marketer, not by the validator")
                .contains("$.rules.op: does not apply: a yes/no fact has no order and contains nothing (use eq, ne, in,"
                        + " not_in, exists or missing)");
        node.set("rules", Json.mapper().readTree("{\"field\":\"spend.gross\",\"op\":\"gt\",\"value\":1}"));
        assertThat(new OfferCodec().decode(node).violations()).singleElement().asString()
                .startsWith("$.rules.field: is not a fact rules can read: spend.(net|total|")
                .contains("request.(channel|placement|hourOfDay|dayOfWeek)").doesNotContain("^(");
        for (String fine : List.of("{\"field\":\"spend.net\",\"op\":\"gt\",\"value\":\"49.5\"}",
                "{\"field\":\"attributes.since\",\"op\":\"lt\",\"value\":\"2025-01-01\"}",
                "{\"field\":\"attributes.tier\",\"op\":\"exists\"}",
                "{\"field\":\"attributes.tier\",\"op\":\"in\",\"value\":[\"gold\",5]}",
                "{\"field\":\"consents.email\",\"op\":\"eq\",\"value\":false}",
                "{\"field\":\"known\",\"op\":\"ne\",\"value\":true}",
                "{\"field\":\"rfm.code\",\"op\":\"in\",\"value\":[\"523\",555]}",
                "{\"field\":\"spend.purchases\",\"op\":\"eq\",\"value\":\"2\"}",
                "{\"field\":\"relationship.stage\",\"op\":\"in\",\"value\":[\"repair\",\"dissolution\"]}",
                "{\"field\":\"relationship.openIssueCause\",\"op\":\"eq\",\"value\":\"lapsed purchases\"}",
                "{\"field\":\"request.channel\",\"op\":\"ne\",\"value\":\"call-centre\"}",
                "{\"field\":\"request.dayOfWeek\",\"op\":\"in\",\"value\":[6,7]}",
                "{\"field\":\"request.hourOfDay\",\"op\":\"gte\",\"value\":18}",
                "{\"field\":\"attributes." + "a".repeat(128) + "\",\"op\":\"missing\"}")) {
            node.set("rules", Json.mapper().readTree(fine));
            assertThat(new OfferCodec().decodeWritten(node).violations()).as(fine).isEmpty();
        }
    }
}
