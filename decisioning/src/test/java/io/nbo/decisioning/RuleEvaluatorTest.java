package io.nbo.decisioning;

import static io.nbo.decisioning.Events.DAY;
import static io.nbo.decisioning.Events.T0;
import static io.nbo.schemas.offers.RuleSpec.allOf;
import static io.nbo.schemas.offers.RuleSpec.anyOf;
import static io.nbo.schemas.offers.RuleSpec.condition;
import static io.nbo.schemas.offers.RuleSpec.negate;
import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.contact.ContactHistory;
import io.nbo.decisioning.contact.Presentation;
import io.nbo.decisioning.decision.DecisionRequest;
import io.nbo.decisioning.decision.Interest;
import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.decisioning.profile.ProfileRules;
import io.nbo.decisioning.profile.ProfileUpdater;
import io.nbo.decisioning.relationship.RelationshipAssessor;
import io.nbo.decisioning.relationship.RelationshipMeasures;
import io.nbo.decisioning.relationship.RelationshipRules;
import io.nbo.decisioning.rules.Facts;
import io.nbo.decisioning.rules.RuleEvaluator;
import io.nbo.schemas.offers.RuleSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleEvaluatorTest {
    private final ProfileUpdater updater = new ProfileUpdater(ProfileRules.defaults());
    private final Facts facts = facts();

    private Facts facts() {
        CustomerProfile profile = updater.apply(null, Events.purchase("c1", 300, "books", T0));
        profile = updater.apply(profile, Events.purchase("c1", 200, "books", T0 + DAY));
        profile = updater.apply(profile, Events.view("c1", "garden", T0 + DAY));
        profile = updater.apply(profile, Events.attributes("c1", Map.of("tier", "gold", "age", 41), T0 + DAY));
        profile = updater.apply(profile, Events.consents("c1", Map.of("marketing", true), T0 + DAY));
        profile = updater.apply(profile, Events.nps("c1", 9, T0 + DAY));
        DecisionRequest request = new DecisionRequest("web", "home", 3, T0 + 2 * DAY);
        return new Facts(profile, request, Interest.of(profile, request.now(), ProfileRules.defaults().halfLifeMillis()),
                new RelationshipAssessor(RelationshipRules.defaults()).assess(profile, null, request.now()), null, UTC);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "spend.net|gte|500|true", "spend.net|gt|500|false", "spend.purchases|eq|2|true",
            "spend.purchases|ne|2|false", "spend.averageOrderValue|lt|251|true", "spend.averageOrderValue|lte|250|true",
            "attributes.tier|eq|gold|true", "attributes.tier|ne|silver|true", "attributes.age|gt|40|true",
            "attributes.missing|eq|x|false", "attributes.missing|ne|x|true", "feedback.lastNps|gte|9|true",
            "request.channel|eq|web|true", "request.placement|eq|checkout|false", "topInterest|eq|books|true",
            "interest.books|gt|0.9|true", "interest.garden|gt|0|true", "consents.marketing|eq|true|true",
            "rfm.frequency|eq|2|true", "rfm.code|eq|523|true", "known|eq|true|true", "eventCount|gte|6|true",
            "attributes.tier|gt|5|false", "attributes.tier|contains|ol|true", "attributes.tier|contains|x|false",
            "relationship.stage|eq|involvement|true", "relationship.valueTier|eq|high|true",
            "relationship.level|gte|4|false", "relationship.loyalty|eq|active|true"})
    void shouldEvaluateEveryComparisonOperator(String field, String op, String raw, boolean expected) {
        Object value = raw.matches("-?\\d+(\\.\\d+)?") ? (Object) Double.valueOf(raw)
                : raw.equals("true") ? Boolean.TRUE : raw;

        assertThat(RuleEvaluator.holds(condition(field, op, value), facts)).isEqualTo(expected);
    }

    @Test
    void shouldCountOnlyResponsesToOffersThisServiceShowed() {
        CustomerProfile answeredForged = updater.apply(null, Events.response("c1", "o1", "accept", T0));
        DecisionRequest request = new DecisionRequest("web", "home", 3, T0 + DAY);
        ContactHistory shownAndAccepted = new ContactHistory(List.of(
                new Presentation("d-1", "o1", "camp", "books", "web", "web/top", T0, false, true, false, Set.of("accept")),
                new Presentation("d-2", "o2", "camp", "books", "web", "web/top", T0, true, false, false, Set.of("accept")),
                new Presentation("d-3", "o3", "camp", "books", "web", "web/top", T0, false, false, false, Set.of())),
                Map.of(), Map.of());
        Interest interest = Interest.of(answeredForged, request.now(), ProfileRules.defaults().halfLifeMillis());
        RelationshipMeasures relationship = new RelationshipAssessor(RelationshipRules.defaults())
                .assess(answeredForged, null, request.now());

        assertThat(answeredForged.responseCounts()).as("kept on the profile").containsEntry("accept", 1L);
        assertThat(new Facts(answeredForged, request, interest, relationship, ContactHistory.EMPTY, UTC)
                .get("responses.accept")).as("naming no offer shown, it decides nothing").isEqualTo(0L);
        assertThat(new Facts(answeredForged, request, interest, relationship, shownAndAccepted, UTC)
                .get("responses.accept")).as("one shown and accepted; a control hold was never shown").isEqualTo(1L);
    }

    @Test
    void shouldTellAWinBackFromAnApologyByTheOpenIssuesCause() {
        CustomerProfile lapsed = updater.apply(null, Events.purchase("c1", 30, "books", T0));
        lapsed = updater.apply(lapsed, Events.purchase("c1", 30, "books", T0 + 7 * DAY));
        CustomerProfile upset = updater.apply(lapsed, Events.complaint("c1", T0 + 8 * DAY));
        var winBack = condition("relationship.openIssueCause", "eq", "lapsed purchases");
        var apology = condition("relationship.openIssueCause", "eq", "complaint");

        assertThat(RuleEvaluator.holds(winBack, factsAt(lapsed, T0 + 100 * DAY))).isTrue();
        assertThat(RuleEvaluator.holds(apology, factsAt(lapsed, T0 + 100 * DAY))).isFalse();
        assertThat(RuleEvaluator.holds(apology, factsAt(upset, T0 + 9 * DAY))).isTrue();
        assertThat(RuleEvaluator.holds(condition("relationship.openIssueCause", "missing", null), facts))
                .as("no issue open").isTrue();
    }

    private static Facts factsAt(CustomerProfile profile, long now) {
        DecisionRequest request = new DecisionRequest("web", "home", 3, now);
        return new Facts(profile, request, Interest.of(profile, now, ProfileRules.defaults().halfLifeMillis()),
                new RelationshipAssessor(RelationshipRules.defaults()).assess(profile, null, now), null, UTC);
    }

    @Test
    void shouldOrderNumbersWrittenAsTextByValue() {
        CustomerProfile profile = updater.apply(null, Events.attributes("c2",
                Map.of("points", "900", "since", "2024-03-01", "code", "5f"), T0));
        DecisionRequest request = new DecisionRequest("web", "home", 3, T0 + DAY);
        Facts texts = new Facts(profile, request, Interest.of(profile, request.now(), ProfileRules.defaults().halfLifeMillis()),
                new RelationshipAssessor(RelationshipRules.defaults()).assess(profile, null, request.now()), null, UTC);

        assertThat(RuleEvaluator.holds(condition("attributes.points", "gte", 500), texts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("attributes.points", "gt", "1000"), texts))
                .as("900 is below 1000 although '9' sorts after '1'").isFalse();
        assertThat(RuleEvaluator.holds(condition("attributes.points", "lte", "900.0"), texts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("spend.net", "lt", "10"), facts)).isFalse();
        assertThat(RuleEvaluator.holds(condition("spend.net", "gt", "499.5"), facts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("rfm.code", "gt", 500), facts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("attributes.since", "lt", "2025-01-01"), texts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("attributes.code", "eq", 5), texts))
                .as("only plain decimals read as numbers").isFalse();
        assertThat(RuleEvaluator.holds(condition("attributes.since", "gt", 5), texts))
                .as("text that is no number has no order against a number").isFalse();
        assertThat(RuleEvaluator.holds(condition("attributes.since", "gt", "5"), texts))
                .as("nor against text that spells one").isFalse();
        assertThat(RuleEvaluator.holds(condition("attributes.since", "lt", "5"), texts)).isFalse();
        assertThat(RuleEvaluator.holds(condition("attributes.points", "gte", -0.0), texts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("spend.refunds", "eq", -0.0), facts)).as("-0 is 0").isTrue();
        assertThat(RuleEvaluator.holds(condition("spend.refunds", "gte", "-0"), facts)).isTrue();
    }

    @Test
    void shouldEvaluateMembershipAndPresence() {
        assertThat(RuleEvaluator.holds(condition("attributes.tier", "in", List.of("gold", "silver")), facts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("attributes.tier", "not_in", List.of("gold")), facts)).isFalse();
        assertThat(RuleEvaluator.holds(condition("attributes.age", "in", List.of(40, 41)), facts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("attributes.tier", "exists", null), facts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("attributes.city", "exists", null), facts)).isFalse();
        assertThat(RuleEvaluator.holds(condition("attributes.city", "missing", null), facts)).isTrue();
        assertThat(RuleEvaluator.holds(condition("feedback.lastRating", "lt", 3), facts))
                .as("a missing fact never passes a comparison").isFalse();
    }

    @Test
    void shouldCombineWithAllAnyAndNot() {
        RuleSpec gold = condition("attributes.tier", "eq", "gold");
        RuleSpec bigSpender = condition("spend.net", "gte", 1000);

        assertThat(RuleEvaluator.holds(allOf(gold, bigSpender), facts)).isFalse();
        assertThat(RuleEvaluator.holds(anyOf(gold, bigSpender), facts)).isTrue();
        assertThat(RuleEvaluator.holds(negate(bigSpender), facts)).isTrue();
        assertThat(RuleEvaluator.holds(allOf(gold, negate(bigSpender)), facts)).isTrue();
        assertThat(RuleEvaluator.holds(null, facts)).isTrue();
    }

    @Test
    void shouldQuoteTheValueThatMadeANotFail() {
        RuleSpec gold = condition("attributes.tier", "eq", "gold");
        RuleSpec noCity = condition("attributes.city", "missing", null);

        assertThat(RuleEvaluator.failure(negate(gold), facts))
                .contains("not(attributes.tier eq \"gold\") is false (actual \"gold\")");
        assertThat(RuleEvaluator.failure(negate(noCity), facts))
                .contains("not(attributes.city missing) is false (missing)");
        assertThat(RuleEvaluator.failure(negate(anyOf(condition("spend.net", "gte", 1000), gold)), facts))
                .contains("not(any(...)) is false (attributes.tier eq \"gold\" holds (actual \"gold\"))");
        assertThat(RuleEvaluator.failure(negate(allOf(gold, condition("spend.net", "gte", 100))), facts))
                .contains("not(all(...)) is false (all 2 of its conditions hold)");
        assertThat(RuleEvaluator.failure(negate(negate(condition("spend.net", "gte", 1000))), facts))
                .contains("not(not(...)) is false (spend.net gte 1000 is false (actual 500.0))");
    }

    @Test
    void shouldAdmitNoOneByARuleWithAnOperatorItDoesNotKnow() {
        assertThat(RuleEvaluator.failure(condition("spend.net", "frobnicate", 1), facts))
                .contains("the rule cannot be evaluated: unknown operator 'frobnicate'");
        assertThat(RuleEvaluator.holds(negate(condition("spend.net", "frobnicate", 1)), facts))
                .as("a not() around it must not admit everyone").isFalse();
        assertThat(RuleEvaluator.holds(anyOf(condition("known", "eq", true), condition("spend.net", null, 1)), facts))
                .as("a condition without an operator").isFalse();
    }

    @Test
    void shouldNameTheConditionThatFailed() {
        RuleSpec rule = allOf(condition("attributes.tier", "eq", "gold"), condition("spend.net", "gte", 1000));

        assertThat(RuleEvaluator.failure(rule, facts)).contains("spend.net gte 1000 is false (actual 500.0)");
        assertThat(RuleEvaluator.failure(condition("attributes.tier", "in", List.of("silver", 5)), facts))
                .contains("attributes.tier in [\"silver\", 5] is false (actual \"gold\")");
        assertThat(RuleEvaluator.failure(anyOf(condition("known", "eq", false), condition("eventCount", "lt", 1)),
                facts)).hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("none of 2 alternatives holds: [known eq false is false (actual true)]; [eventCount lt 1 is false")
                        .endsWith(")]"));
    }
}
