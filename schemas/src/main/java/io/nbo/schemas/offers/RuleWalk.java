package io.nbo.schemas.offers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.BiConsumer;

/** Visits every rule of a rule tree as written (conditions and groups alike), with its path for a refusal. */
final class RuleWalk {
    private RuleWalk() {
    }

    static void each(JsonNode rule, String path, BiConsumer<JsonNode, String> visit) {
        if (rule == null || !rule.isObject()) {
            return;
        }
        visit.accept(rule, path);
        for (String combined : List.of("all", "any")) {
            JsonNode rules = rule.get(combined);
            if (rules != null && rules.isArray()) {
                for (int i = 0; i < rules.size(); i++) {
                    each(rules.get(i), path + "." + combined + "[" + i + "]", visit);
                }
            }
        }
        each(rule.get("not"), path + ".not", visit);
    }
}
