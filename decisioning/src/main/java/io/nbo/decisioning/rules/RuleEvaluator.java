package io.nbo.decisioning.rules;

import io.nbo.schemas.offers.RuleSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates {@link RuleSpec}s against {@link Facts}. A missing fact fails every comparison except
 * {@code missing} and {@code ne}/{@code not_in}, so a rule never admits someone by accident.
 * Numbers compare as numbers whatever their JSON type, also when ordered; other strings compare exactly.
 */
public final class RuleEvaluator {
    /** A failed rule's explanation for a caller that may not read the customer's profile. */
    public static final String WITHHELD = "does not hold for this customer (which condition failed is shown to keys"
            + " that may read profiles)";
    private static final Set<String> OPERATORS = Set.of("exists", "missing", "eq", "ne", "gt", "gte", "lt", "lte", "in",
            "not_in", "contains");

    private RuleEvaluator() {
    }

    /**
     * Empty when the rule holds; otherwise the first condition that failed, in words (for an {@code any}, why
     * each alternative failed).
     */
    public static Optional<String> failure(RuleSpec rule, Facts facts) {
        // The contracts refuse such rules; one that slipped past them admits no one, whatever surrounds the
        // condition (a not() or an any() around it must not admit anyone), rather than failing every decision.
        Optional<String> malformed = malformed(rule);
        if (malformed.isPresent()) {
            return malformed;
        }
        Optional<String> failed = failureOf(rule, facts);
        // Which condition failed tells what the customer's values are not (an all() of thresholds reads like a
        // table): only a caller that may read the profile is told.
        return failed.isPresent() && !facts.quotable() ? Optional.of(WITHHELD) : failed;
    }

    private static Optional<String> malformedAmong(List<RuleSpec> parts) {
        if (parts != null) {
            for (RuleSpec part : parts) {
                Optional<String> inner = malformed(part);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> malformed(RuleSpec rule) {
        if (rule == null) {
            return Optional.empty();
        }
        // Walked for every candidate of every decision: no allocation unless something is wrong.
        Optional<String> inner = malformedAmong(rule.all());
        if (inner.isEmpty()) {
            inner = malformedAmong(rule.any());
        }
        if (inner.isPresent() || rule.not() != null) {
            return inner.isPresent() ? inner : malformed(rule.not());
        }
        if (rule.all() != null || rule.any() != null || rule.op() != null && OPERATORS.contains(rule.op())) {
            return Optional.empty();
        }
        return Optional.of("the rule cannot be evaluated: " + (rule.op() == null ? "a condition without an operator"
                : "unknown operator '" + rule.op() + "'"));
    }

    private static Optional<String> failureOf(RuleSpec rule, Facts facts) {
        if (rule == null) {
            return Optional.empty();
        }
        if (rule.all() != null) {
            for (RuleSpec part : rule.all()) {
                Optional<String> failed = failureOf(part, facts);
                if (failed.isPresent()) {
                    return failed;
                }
            }
            return Optional.empty();
        }
        if (rule.any() != null) {
            List<String> failures = new ArrayList<>(rule.any().size());
            for (RuleSpec part : rule.any()) {
                Optional<String> failed = failureOf(part, facts);
                if (failed.isEmpty()) {
                    return Optional.empty();
                }
                failures.add("[" + failed.get() + "]");
            }
            return Optional.of("none of " + rule.any().size() + " alternatives holds: " + String.join("; ", failures));
        }
        if (rule.not() != null) {
            return failureOf(rule.not(), facts).isPresent() ? Optional.empty()
                    : Optional.of("not(" + describe(rule.not()) + ") is false (" + whyItHolds(rule.not(), facts) + ")");
        }
        Object actual = facts.get(rule.field());
        if (holds(rule.op(), actual, rule.value())) {
            return Optional.empty();
        }
        return Optional.of(describe(rule) + " is false (" + (actual == null ? "missing" : "actual " + shown(actual)) + ")");
    }

    /** For a not() that failed: the value that made its condition hold, as a failed condition quotes it. */
    private static String whyItHolds(RuleSpec rule, Facts facts) {
        if (rule.field() != null) {
            Object actual = facts.get(rule.field());
            return actual == null ? "missing" : "actual " + shown(actual);
        }
        if (rule.all() != null) {
            return rule.all().size() == 1 ? "its condition holds: " + whyItHolds(rule.all().get(0), facts)
                    : "all " + rule.all().size() + " of its conditions hold";
        }
        if (rule.any() != null) {
            for (RuleSpec part : rule.any()) {
                if (failureOf(part, facts).isEmpty()) {
                    return describe(part) + " holds (" + whyItHolds(part, facts) + ")";
                }
            }
        }
        // not(not(x)) holds where x fails, and x's failure says why.
        return failureOf(rule.not(), facts).orElse("it holds");
    }

    public static boolean holds(RuleSpec rule, Facts facts) {
        return failure(rule, facts).isEmpty();
    }

    static boolean holds(String op, Object actual, Object expected) {
        return switch (op) {
            case "exists" -> actual != null;
            case "missing" -> actual == null;
            case "eq" -> actual != null && same(actual, expected);
            case "ne" -> actual == null || !same(actual, expected);
            case "gt" -> ordered(actual, expected, c -> c > 0);
            case "gte" -> ordered(actual, expected, c -> c >= 0);
            case "lt" -> ordered(actual, expected, c -> c < 0);
            case "lte" -> ordered(actual, expected, c -> c <= 0);
            case "in" -> actual != null && expected instanceof Collection<?> list
                    && list.stream().anyMatch(item -> same(actual, item));
            case "not_in" -> actual == null || !(expected instanceof Collection<?> list)
                    || list.stream().noneMatch(item -> same(actual, item));
            case "contains" -> contains(actual, expected);
            default -> throw new IllegalArgumentException("unknown rule operator " + op);
        };
    }

    private static boolean ordered(Object actual, Object expected, java.util.function.IntPredicate test) {
        Integer comparison = order(actual, expected);
        return comparison != null && test.test(comparison);
    }

    private static boolean same(Object actual, Object expected) {
        Double a = number(actual);
        Double b = number(expected);
        if (a != null && b != null && (actual instanceof Number || expected instanceof Number)) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(String.valueOf(actual), String.valueOf(expected))
                && (actual instanceof Boolean) == (expected instanceof Boolean);
    }

    /** A decimal number, or plain text spelling one: values typed in a UI, and CRM attributes, often arrive as text. */
    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String text && DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return null;
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * Orders two numbers (or texts spelling numbers) by value, so "5" is below "10"; two texts that spell no
     * number by their characters (ISO dates order correctly). Anything else, such as "abc" against "5", has no
     * order: null.
     */
    private static Integer order(Object actual, Object expected) {
        Double a = number(actual);
        Double b = number(expected);
        if (a != null && b != null) {
            // Plus zero: -0 and 0 are the same number (Double.compare tells them apart).
            return Double.compare(a + 0.0, b + 0.0);
        }
        if (a == null && b == null && actual instanceof String x && expected instanceof String y) {
            return x.compareTo(y);
        }
        return null;
    }

    private static boolean contains(Object actual, Object expected) {
        if (actual instanceof String text && expected instanceof String part) {
            return text.contains(part);
        }
        if (actual instanceof List<?> list) {
            return list.stream().anyMatch(item -> same(item, expected));
        }
        return false;
    }

    static String describe(RuleSpec rule) {
        if (rule.field() != null) {
            return rule.field() + " " + rule.op() + (rule.value() == null ? "" : " " + shown(rule.value()));
        }
        return rule.all() != null ? "all(...)" : rule.any() != null ? "any(...)" : "not(...)";
    }

    /** Text in quotes, so "900" and 900 read differently in an explanation, as they compare differently. */
    private static String shown(Object value) {
        if (value instanceof String text) {
            return '"' + text + '"';
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(RuleEvaluator::shown).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
