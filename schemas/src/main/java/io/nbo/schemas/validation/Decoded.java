package io.nbo.schemas.validation;

import java.util.List;

/** The outcome of reading untrusted input: either a value, or the reasons it was refused. */
public record Decoded<T>(T value, List<String> violations) {
    public Decoded {
        violations = List.copyOf(violations);
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
}
