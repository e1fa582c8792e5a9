package io.nbo.schemas.offers;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conditions of one {@code all} group that exclude each other on the same fact ({@code request.hourOfDay gte 18}
 * with {@code lt 9}, for an evening-or-night window meant as {@code any}): the group can never hold, and an offer
 * behind it would silently never be shown. Only numeric orderings, and equality with a JSON number, are compared:
 * rules order numbers by value whatever their type, while equality with text compares its characters.
 */
final class RuleContradictions {
    private RuleContradictions() {
    }

    /** The values still allowed on one fact: from {@code low} to {@code high} (null: unbounded). */
    private record Bounds(BigDecimal low, boolean lowOpen, BigDecimal high, boolean highOpen, List<String> said) {
        static final Bounds NONE = new Bounds(null, false, null, false, List.of());

        Bounds with(String op, BigDecimal v, String written) {
            List<String> now = new ArrayList<>(said);
            now.add(written);
            BigDecimal l = low;
            boolean lo = lowOpen;
            BigDecimal h = high;
            boolean ho = highOpen;
            if (op.equals("gt") || op.equals("gte") || op.equals("eq")) {
                boolean open = op.equals("gt");
                int c = l == null ? 1 : v.compareTo(l);
                if (c > 0 || (c == 0 && open)) {
                    l = v;
                    lo = open;
                }
            }
            if (op.equals("lt") || op.equals("lte") || op.equals("eq")) {
                boolean open = op.equals("lt");
                int c = h == null ? -1 : v.compareTo(h);
                if (c < 0 || (c == 0 && open)) {
                    h = v;
                    ho = open;
                }
            }
            return new Bounds(l, lo, h, ho, now);
        }

        boolean empty(boolean whole) {
            if (low == null || high == null) {
                return false;
            }
            if (whole) {
                BigDecimal first = lowOpen ? low.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE)
                        : low.setScale(0, RoundingMode.CEILING);
                BigDecimal last = highOpen ? high.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE)
                        : high.setScale(0, RoundingMode.FLOOR);
                return first.compareTo(last) > 0;
            }
            int c = low.compareTo(high);
            return c > 0 || (c == 0 && (lowOpen || highOpen));
        }
    }

    /** Violations of {@code rules}, by the path of the {@code all} group under {@code $.rules}. */
    static List<String> violations(JsonNode rules) {
        List<String> found = new ArrayList<>();
        RuleWalk.each(rules, "$.rules", (rule, path) -> {
            JsonNode all = rule.get("all");
            if (all != null && all.isArray()) {
                checkGroup(all, path + ".all", found);
            }
        });
        return found;
    }

    private static void checkGroup(JsonNode conditions, String path, List<String> found) {
        Map<String, Bounds> byField = new LinkedHashMap<>();
        for (JsonNode condition : conditions) {
            JsonNode field = condition.get("field");
            JsonNode op = condition.get("op");
            JsonNode value = condition.get("value");
            if (field == null || !field.isTextual() || op == null || !op.isTextual() || value == null
                    || !List.of("gt", "gte", "lt", "lte", "eq").contains(op.asText())
                    || (op.asText().equals("eq") && !value.isNumber())) {
                continue;
            }
            Optional<BigDecimal> number = RuleRanges.number(value);
            if (number.isPresent()) {
                byField.put(field.asText(), byField.getOrDefault(field.asText(), Bounds.NONE)
                        .with(op.asText(), number.get(), op.asText() + " " + value.asText()));
            }
        }
        byField.forEach((field, bounds) -> {
            boolean whole = RuleRanges.of(field).map(RuleRanges.Range::whole).orElse(false);
            if (bounds.empty(whole)) {
                found.add(path + ": " + field + " " + String.join(" and ", bounds.said())
                        + " exclude each other" + (whole ? " (whole numbers)" : "")
                        + ", so this group would never hold (for either, list them under any)");
            }
        });
    }
}
