package io.nbo.schemas.offers;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.validation.Contract;
import io.nbo.schemas.validation.ContractValidator;
import java.util.List;

/**
 * The values a rule's facts can take ({@code rule-values.schema.json}, and the ranges of numeric facts), checked on what the API is given only: a
 * catalogue stored by an earlier version, whose rules were accepted then, is read as it was, since refusing it
 * now would drop offers from every instance's catalogue at start.
 */
public final class RuleValues {
    private RuleValues() {
    }

    /** Violations of the {@code rules} of an offer or campaign definition, by their path in the definition. */
    public static List<String> violations(JsonNode definition) {
        JsonNode rules = definition.get("rules");
        if (rules == null || rules.isNull()) {
            return List.of();
        }
        List<String> violations = new java.util.ArrayList<>(ContractValidator.shared()
                .violations(Contract.RULE_VALUES, rules).stream().map(violation -> "$.rules" + violation.substring(1))
                .toList());
        violations.addAll(RuleRanges.violations(rules));
        violations.addAll(RuleContradictions.violations(rules));
        return violations;
    }
}
