package io.nbo.schemas.offers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An eligibility rule as data (see {@code rule.schema.json}): exactly one of {@code all}, {@code any},
 * {@code not}, or a condition {@code field op value}. Evaluated by the decisioning module; never executed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSpec(List<RuleSpec> all, List<RuleSpec> any, RuleSpec not, String field, String op, Object value) {

    /** Unmodifiable, since decoded offers are shared by every decision and thread that reads the catalogue. */
    public RuleSpec {
        all = all == null ? null : List.copyOf(all);
        any = any == null ? null : List.copyOf(any);
        // A list value (for "in") may hold a JSON null, which List.copyOf refuses.
        value = value instanceof List<?> list ? java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list))
                : value;
    }

    public static RuleSpec condition(String field, String op, Object value) {
        return new RuleSpec(null, null, null, field, op, value);
    }

    public static RuleSpec allOf(RuleSpec... rules) {
        return new RuleSpec(List.of(rules), null, null, null, null, null);
    }

    public static RuleSpec anyOf(RuleSpec... rules) {
        return new RuleSpec(null, List.of(rules), null, null, null, null);
    }

    public static RuleSpec negate(RuleSpec rule) {
        return new RuleSpec(null, null, rule, null, null, null);
    }
}
