package io.nbo.deployment;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL reading to list the metric names an expression uses. */
final class PromQl {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String bare = expression
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            boolean function = matcher.group(1) != null;
            String name = matcher.group().replaceAll("\\s*\\($", "");
            if (!function && !KEYWORDS.contains(name.toLowerCase()) && !Character.isDigit(name.charAt(0))) {
                names.add(name);
            }
        }
        return names;
    }
}
