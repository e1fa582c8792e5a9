package io.nbo.schemas.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of reading untrusted input: either a value, or the reasons it was refused, at most
 * {@link #MOST_REASONS} of them, each at most {@link #LONGEST_REASON} characters. Unbounded, every unknown field or
 * list item of a large document named once made an answer twenty to forty times the size of the request, and a
 * few such answers at once held up everybody else's.
 */
public record Decoded<T>(T value, List<String> violations) {
    public static final int MOST_REASONS = 10;
    public static final int LONGEST_REASON = 1000;

    public Decoded {
        violations = bounded(violations);
        if ((value == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("exactly one of value and violations must be present");
        }
    }

    public static <T> Decoded<T> ok(T value) {
        return new Decoded<>(value, List.of());
    }

    public static <T> Decoded<T> refused(List<String> violations) {
        return new Decoded<>(null, violations);
    }

    public static <T> Decoded<T> refused(String violation) {
        return refused(List.of(violation));
    }

    public boolean ok() {
        return value != null;
    }

    public String reason() {
        return String.join("; ", violations);
    }

    private static List<String> bounded(List<String> all) {
        List<String> kept = new ArrayList<>();
        for (String reason : all.subList(0, Math.min(all.size(), MOST_REASONS))) {
            kept.add(reason.length() <= LONGEST_REASON ? reason : shortened(reason));
        }
        if (all.size() > MOST_REASONS) {
            int more = all.size() - MOST_REASONS;
            kept.add("and " + more + " more " + (more == 1 ? "reason" : "reasons") + ", left out");
        }
        return List.copyOf(kept);
    }

    private static String shortened(String reason) {
        int cut = LONGEST_REASON - 1;
        return reason.substring(0, Character.isHighSurrogate(reason.charAt(cut - 1)) ? cut - 1 : cut) + "\u2026";
    }
}
