package io.nbo.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nbo.decisioning.contact.CampaignExposure;
import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.OfferContact;
import io.nbo.decisioning.contact.OrderCredit;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.decisions.DecisionRecord;
import io.nbo.schemas.json.Json;
import io.nbo.topology.profile.ProfileSerde;
import io.nbo.schemas.json.JsonSerde;
import io.nbo.schemas.validation.Contract;
import io.nbo.schemas.validation.ContractValidator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

    /** The contact-history serde answers with what it wrote; that is only right if decoding gives it back. */
    @Test
    void shouldDecodeAContactHistoryToExactlyWhatWasWritten() {
        ContactHistory history = history();

        byte[] written = StateSerdes.CONTACT_HISTORY.toBytes(history);

        assertThat(StateSerdes.CONTACT_HISTORY_CODEC.fromBytes(written)).isEqualTo(history);
        assertThat(StateSerdes.CONTACT_HISTORY.fromBytes(written)).isSameAs(history);
    }

    /** Histories written before the positional layout (objects with field names) must still read. */
    @Test
    void shouldReadContactHistoriesWrittenWithFieldNamesBefore() {
        ContactHistory history = history();
        byte[] before = JsonSerde.binary(ContactHistory.class).toBytes(history);
        byte[] now = StateSerdes.CONTACT_HISTORY_CODEC.toBytes(history);

        assertThat(StateSerdes.CONTACT_HISTORY_CODEC.fromBytes(before)).isEqualTo(history);
        assertThat(StateSerdes.CONTACT_HISTORY.fromBytes(before.clone())).isEqualTo(history);
        assertThat(new JsonSerde<>(ContactHistory.class).fromBytes(new JsonSerde<>(ContactHistory.class)
                .toBytes(history))).as("text JSON, as first written").isEqualTo(history);
        assertThat(now.length).as("positional arrays drop the field names").isLessThan(before.length);
        assertThat(new String(now, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("decisionId",
                "declinesInRow", "firstAt");
    }

    /** A component added at the end of a record's layout reads as absent from arrays written before it. */
    @Test
    void shouldReadPositionalRecordsWrittenBeforeAComponentWasAdded() throws Exception {
        com.fasterxml.jackson.databind.JsonNode shorter = Json.mapper().readTree("""
                {"presentations":[["d1","o1","k1","books","web",null,1000,false,true,false]],
                 "offers":{"o1":[2,1500,1,null]},"campaigns":{"k1":[false,1000,true]}}""");

        ContactHistory read = StateSerdes.CONTACT_HISTORY_CODEC.fromBytes(
                Json.binaryMapper().writeValueAsBytes(shorter));

        assertThat(read.presentations()).containsExactly(
                new Presentation("d1", "o1", "k1", "books", "web", null, 1_000, false, true, false, null));
        assertThat(read.offers()).containsEntry("o1", new OfferContact(2, 1_500L, 1, null, null));
        assertThat(read.campaigns()).containsEntry("k1", new CampaignExposure(false, 1_000, true, 0));
    }

    /**
     * A later version's arrays are longer: this one skips what it does not know (a rolling upgrade, or going back,
     * reads them; what the newer positions held is dropped on the next write).
     */
    @Test
    void shouldReadPositionalRecordsWrittenWithComponentsItDoesNotKnow() throws Exception {
        com.fasterxml.jackson.databind.JsonNode longer = Json.mapper().readTree("""
                {"presentations":[["d1","o1","k1","books","web",null,1000,false,true,false,[],"later"]],
                 "offers":{"o1":[2,1500,1,null,null,7]},
                 "campaigns":{"k1":[false,1000,true,5.0,false,[],[],{"later":1}]}}""");

        ContactHistory read = StateSerdes.CONTACT_HISTORY_CODEC.fromBytes(
                Json.binaryMapper().writeValueAsBytes(longer));

        assertThat(read.presentations()).containsExactly(
                new Presentation("d1", "o1", "k1", "books", "web", null, 1_000, false, true, false, null));
        assertThat(read.offers()).containsEntry("o1", new OfferContact(2, 1_500L, 1, null, null));
        assertThat(read.campaigns()).containsEntry("k1", new CampaignExposure(false, 1_000, true, 5.0));
    }

    /** Every component is laid out by name: one the layout does not list would land at an unknown position. */
    @Test
    void shouldLayOutEveryComponentOfTheHistorysRecords() {
        StoredHistoryLayout.MIX_INS.forEach((record, layout) -> {
            List<String> components = java.util.Arrays.stream(record.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).toList();
            String[] order = layout.getAnnotation(com.fasterxml.jackson.annotation.JsonPropertyOrder.class).value();
            assertThat(order).as(record.getSimpleName() + "'s stored layout").containsExactlyInAnyOrderElementsOf(
                    components);
        });
    }

    private static ContactHistory history() {
        return new ContactHistory(List.of(
                new Presentation("d1", "o1", "k1", "books", "web", "web/top", 1_000, false, true, false,
                        Set.of("click", "accept")),
                new Presentation("d1", "o2", "k2", "music", "web", null, 1_000, true, false, false, null),
                new Presentation("d2", "o1", "k1", "books", "email", "email/low", 2_000, false, false, true,
                        Set.of("convert")),
                new Presentation("d3", "o2", "k2", "music", "web", "web/none", 3_000, false, true, true, null)),
                Map.of("o1", new OfferContact(2, 1_500L, 1, null, 900L), "o2", OfferContact.NONE),
                Map.of("k1", new CampaignExposure(false, 1_000, true, 12.5, false,
                        List.of("stage:contact", "value:low"), List.of(new OrderCredit("order-7", "d2", "o1", false, 2_000,
                        12.5, 0.5, List.of(new OrderCredit.CreditedItem("p1", 2, 6.25))))), "k2",
                        new CampaignExposure(true, 1_000, false, 0)));
    }

    /** Attributes are whatever JSON a client sent: decoding the stored profile must give back the same types. */
    @Test
    void shouldDecodeAProfileWithFreeFormAttributesToExactlyWhatWasWritten() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = Json.mapper().readValue("""
                {"tier":"gold","age":41,"big":12345678901234,"score":0.25,"whole":2.0,"vip":true,
                 "tags":["a",1,2.5],"address":{"city":"Gent","zip":"9000","geo":[51.05,3.72]}}""", Map.class);
        CustomerProfile profile = new CustomerProfile("c-1", true, 1_000, 2_000, 3, null, null, null,
                Map.of("web", 2L), "web", Map.of("marketing", true), attributes, Map.of("accept", 1L), null,
                List.of("anon-1"), Map.of("consent:marketing", 1_500L));

        byte[] written = ProfileSerde.serde().toBytes(profile);

        assertThat(new JsonSerde<>(CustomerProfile.class).fromBytes(written)).isEqualTo(profile);
        assertThat(ProfileSerde.serde().fromBytes(written.clone())).isSameAs(profile);
    }

    @Test
    void shouldWriteTheDecisionLogAsItsPublishedContractSays() throws Exception {
        List<DecisionRecord.Candidate> candidates = List.of(
                new DecisionRecord.Candidate("o1", "k1", "books", "call-centre/top/high", 0.1, 0.12, 1, 10, 1.5, 1.5,
                        0.75, 1),
                new DecisionRecord.Candidate("o2", null, null, "call-centre/none/high", 1, 0.05, 0.1, 4, 1, 0.4, 0, 0,
                        Boolean.FALSE));
        DecisionRecord decision = new DecisionRecord("d-1", "pseudonym-0f8fad5b-d9cb-469f-a165-70867728950e", 1_000,
                "call-centre", null, "greedy", candidates, List.of("o1"),
                List.of(new DecisionRecord.ControlHold("k2", "o3", "garden")), true, "repair", "high");
        ContractValidator validator = ContractValidator.shared();

        ObjectNode logged = (ObjectNode) Json.mapper().readTree(StateSerdes.DECISION_LOG.toBytes(decision));

        assertThat(validator.violations(Contract.DECISION_LOG, logged)).isEmpty();
        assertThat(logged.has("placement")).as("absent, not null, when the request named none").isFalse();
        ObjectNode named = logged.deepCopy().put("customerId", "c-2");
        assertThat(validator.violations(Contract.DECISION_LOG, named)).as("a customer id in the log").isNotEmpty();
        ObjectNode extended = logged.deepCopy();
        ((ObjectNode) extended.at("/candidates/0")).put("reason", "x");
        assertThat(validator.violations(Contract.DECISION_LOG, extended)).as("a field the contract does not name")
                .isNotEmpty();
    }

    /** Profiles and decisions used to be written as text: what a store or topic still holds must read. */
    @Test
    void shouldReadProfilesAndDecisionsWrittenAsTextBefore() {
        CustomerProfile profile = new CustomerProfile("c-2", false, 1_000, 2_000, 1, null, null, null,
                Map.of("web", 1L), "web", Map.of(), Map.of(), Map.of(), null, List.of(), Map.of());
        io.nbo.schemas.decisions.DecisionRecord decision = new io.nbo.schemas.decisions.DecisionRecord("d-1", "c-2",
                1_000, "web", "home", "thompson", List.of(new io.nbo.schemas.decisions.DecisionRecord.Candidate("o1",
                "k1", "books", "web/top", 0.1, 0.12, 1, 10, 1, 1, 0.75, 1)), List.of("o1"), List.of(), false,
                "contact", "low");

        byte[] profileText = new JsonSerde<>(CustomerProfile.class).toBytes(profile);
        byte[] decisionText = StateSerdes.DECISION_LOG.toBytes(decision);

        assertThat(JsonSerde.isSmile(profileText) || JsonSerde.isSmile(decisionText)).isFalse();
        assertThat(ProfileSerde.serde().fromBytes(profileText)).isEqualTo(profile);
        assertThat(StateSerdes.DECISION.fromBytes(decisionText)).isEqualTo(decision);
        assertThat(JsonSerde.isSmile(StateSerdes.DECISION.toBytes(decision))).as("written now").isTrue();
    }
}
