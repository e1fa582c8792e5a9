package io.nbo.schemas.offers;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Numeric facts whose values lie in a known range (scores, shares, counts, hours): a comparison no value in that
 * range can pass (`feedback.lastNps gt 10`, `eventCount lt 0`) would leave its offer silently never eligible, so a
 * write naming one is refused. Checked beside {@code rule-values.schema.json}, which covers equality with the facts
 * whose values are a list (stages, channels, hours, days, levels); this covers orderings of every bounded fact, and
 * equality with the bounded facts that schema does not list.
 */
final class RuleRanges {
    private static final BigDecimal LARGEST = new BigDecimal(Double.MAX_VALUE);

    /** A fact's values: from {@code low} to {@code high} (null: no bound), whole numbers only when {@code whole}. */
    record Range(BigDecimal low, BigDecimal high, boolean whole, boolean equalityInSchema, String says) {
        boolean holds(BigDecimal value) {
            return (low == null || value.compareTo(low) >= 0) && (high == null || value.compareTo(high) <= 0)
                    && (!whole || value.stripTrailingZeros().scale() <= 0);
        }
    }

    private RuleRanges() {
    }

    private static Range range(long low, Long high, boolean whole, String says) {
        return new Range(BigDecimal.valueOf(low), high == null ? null : BigDecimal.valueOf(high), whole, false, says);
    }

    static Optional<Range> of(String field) {
        String group = field.contains(".") ? field.substring(0, field.indexOf('.') + 1) : field;
        Range range = switch (field) {
            case "request.hourOfDay" -> listed(range(0, 23L, true, "an hour of the day, 0 to 23"));
            case "request.dayOfWeek" -> listed(range(1, 7L, true, "a day of the week, 1 to 7"));
            case "relationship.level" -> listed(range(1, 6L, true, "a level, 1 to 6"));
            case "rfm.recency", "rfm.frequency", "rfm.monetary" -> range(1, 5L, true, "a score, 1 to 5");
            case "rfm.code" -> range(111, 555L, true, "three scores of 1 to 5, 111 to 555");
            case "feedback.lastNps" -> range(0, 10L, true, "a score, 0 to 10");
            case "feedback.lastRating" -> range(1, 5L, true, "a rating, 1 to 5");
            case "relationship.churnRisk" -> range(0, 1L, false, "a score, 0 to 1");
            case "eventCount", "daysSinceFirstSeen", "rfm.daysSinceLastPurchase", "spend.purchases", "spend.refunds",
                 "feedback.complaints", "feedback.ideas" -> range(0, null, true, "a count, 0 or more");
            case "spend.total", "spend.averageOrderValue" -> range(0, null, false, "an amount, 0 or more");
            case "spend.net" -> new Range(null, null, false, false, "an amount");
            default -> switch (group) {
                case "interest." -> range(0, 1L, false, "a share, 0 to 1");
                case "responses." -> range(0, null, true, "a count, 0 or more");
                default -> null;
            };
        };
        return Optional.ofNullable(range);
    }

    private static Range listed(Range range) {
        return new Range(range.low(), range.high(), range.whole(), true, range.says());
    }

    /** Violations of {@code rules}, by their path under {@code $.rules}. */
    static List<String> violations(JsonNode rules) {
        List<String> found = new ArrayList<>();
        RuleWalk.each(rules, "$.rules", (rule, path) -> {
            JsonNode field = rule.get("field");
            JsonNode op = rule.get("op");
            if (field != null && field.isTextual() && op != null && op.isTextual()) {
                of(field.asText()).ifPresent(range -> check(field.asText(), op.asText(), rule.get("value"), range,
                        path + ".value", found));
                checkShape(field.asText(), op.asText(), rule.get("value"), path + ".value", found);
            }
        });
        return found;
    }

    /**
     * Equality with a value no fact of its kind is ever spelled as: a placement or category that is no id (a typo
     * such as "Home Page", with a space), or an RFM code with a digit outside 1–5.
     */
    private static void checkShape(String field, String op, JsonNode value, String path, List<String> found) {
        if (value == null || !List.of("eq", "ne", "in", "not_in").contains(op)) {
            return;
        }
        for (JsonNode each : valuesOf(value)) {
            String never = null;
            if ((field.equals("request.placement") || field.equals("topInterest")) && each.isTextual()
                    && !io.nbo.schemas.validation.Ids.isId(each.asText())) {
                never = "is never " + each.asText() + ", since "
                        + (field.equals("topInterest") ? "categories" : "placements") + " are ids (1-128 letters,"
                        + " digits and ._:@/+=-, no spaces)";
            } else if (field.equals("rfm.code") && number(each).filter(code -> code.compareTo(BigDecimal.valueOf(111)) >= 0
                    && code.compareTo(BigDecimal.valueOf(555)) <= 0 && code.stripTrailingZeros().scale() <= 0)
                    .filter(code -> !code.toBigInteger().toString().matches("[1-5]{3}")).isPresent()) {
                // Codes outside 111-555, or fractions, are refused by their range above.
                never = "is never " + each.asText() + ", since each of its three digits is a score of 1 to 5";
            }
            if (never != null) {
                found.add(path + ": " + field + " " + never + ", so " + op + outcome(op));
                return;
            }
        }
    }

    static List<JsonNode> valuesOf(JsonNode value) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        return values;
    }

    /** A negated comparison with a value the fact never takes always holds; any other never does. */
    private static String outcome(String op) {
        return op.equals("ne") || op.equals("not_in") ? " would always hold" : " would never hold";
    }

    private static void check(String field, String op, JsonNode value, Range range, String path, List<String> found) {
        if (value == null) {
            return;
        }
        for (JsonNode each : valuesOf(value)) {
            Optional<BigDecimal> number = number(each);
            if (number.isEmpty()) {
                continue;
            }
            BigDecimal v = number.get();
            if (v.abs().compareTo(LARGEST) > 0) {
                found.add(path + ": " + each.asText() + " is beyond the numbers a fact holds");
                return;
            }
            String never = switch (op) {
                case "gt" -> range.high() != null && v.compareTo(range.high()) >= 0 ? "above" : null;
                case "gte" -> range.high() != null && v.compareTo(range.high()) > 0 ? "at or above" : null;
                case "lt" -> range.low() != null && v.compareTo(range.low()) <= 0 ? "below" : null;
                case "lte" -> range.low() != null && v.compareTo(range.low()) < 0 ? "at or below" : null;
                case "eq", "ne", "in", "not_in" -> range.equalityInSchema() || range.holds(v) ? null : "equal to";
                default -> null;
            };
            if (never != null) {
                found.add(path + ": " + field + " is " + range.says() + (range.whole() ? " (whole numbers)" : "")
                        + ", never " + never + " " + each.asText() + ", so " + op + " " + each.asText() + outcome(op));
                return;
            }
        }
    }

    /** A number, or a text spelling one as rules read it; empty otherwise (the contract says what is wrong there). */
    static Optional<BigDecimal> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        if (value.isTextual() && value.asText().matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            try {
                return Optional.of(new BigDecimal(value.asText()));
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
