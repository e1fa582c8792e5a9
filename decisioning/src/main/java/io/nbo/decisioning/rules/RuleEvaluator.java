package io.nbo.decisioning.rules;

import io.nbo.schemas.offers.RuleSpec;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates {@link RuleSpec}s against {@link Facts}. A missing fact fails every comparison except
 * {@code missing} and {@code ne}/{@code not_in}, so a rule never admits someone by accident.
 * Numbers compare as numbers whatever their JSON type; strings compare exactly.
 */
public final class RuleEvaluator {
    private RuleEvaluator() {
    }

    /** Empty when the rule holds; otherwise the first condition that failed, in words. */
    public static Optional<String> failure(RuleSpec rule, Facts facts) {
        if (rule == null) {
            return Optional.empty();
        }
        if (rule.all() != null) {
            for (RuleSpec part : rule.all()) {
                Optional<String> failed = failure(part, facts);
                if (failed.isPresent()) {
                    return failed;
                }
            }
            return Optional.empty();
        }
        if (rule.any() != null) {
            for (RuleSpec part : rule.any()) {
                if (failure(part, facts).isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of("none of " + rule.any().size() + " alternatives holds");
        }
        if (rule.not() != null) {
            return failure(rule.not(), facts).isPresent() ? Optional.empty()
                    : Optional.of("not(" + describe(rule.not()) + ") is false");
        }
        Object actual = facts.get(rule.field());
        return holds(rule.op(), actual, rule.value()) ? Optional.empty()
                : Optional.of(describe(rule) + " is false (actual " + actual + ")");
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
            case "gt" -> comparable(actual, expected) && compare(actual, expected) > 0;
            case "gte" -> comparable(actual, expected) && compare(actual, expected) >= 0;
            case "lt" -> comparable(actual, expected) && compare(actual, expected) < 0;
            case "lte" -> comparable(actual, expected) && compare(actual, expected) <= 0;
            case "in" -> actual != null && expected instanceof Collection<?> list
                    && list.stream().anyMatch(item -> same(actual, item));
            case "not_in" -> actual == null || !(expected instanceof Collection<?> list)
                    || list.stream().noneMatch(item -> same(actual, item));
            case "contains" -> contains(actual, expected);
            default -> throw new IllegalArgumentException("unknown rule operator " + op);
        };
    }

    private static boolean same(Object actual, Object expected) {
        Double a = number(actual);
        Double b = number(expected);
        if (a != null && b != null && (actual instanceof Number || expected instanceof Number)) {
            return Double.compare(a, b) == 0;
        }
        return Objects.equals(String.valueOf(actual), String.valueOf(expected))
                && (actual instanceof Boolean) == (expected instanceof Boolean);
    }

    /** A number, or a string that spells one (rule values typed in a UI often arrive as strings). */
    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean comparable(Object actual, Object expected) {
        return (actual instanceof Number && expected instanceof Number)
                || (actual instanceof String && expected instanceof String);
    }

    private static int compare(Object actual, Object expected) {
        if (actual instanceof Number a && expected instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (actual instanceof String a && expected instanceof String b) {
            return a.compareTo(b);
        }
        return 0;
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
            return rule.field() + " " + rule.op() + (rule.value() == null ? "" : " " + rule.value());
        }
        return rule.all() != null ? "all(...)" : rule.any() != null ? "any(...)" : "not(...)";
    }
}
