package io.nbo.schemas.events;

import java.util.Arrays;
import java.util.Optional;

/** Offer response outcomes, by stable wire name. */
public enum Outcome {
    IMPRESSION("impression"),
    CLICK("click"),
    ACCEPT("accept"),
    DECLINE("decline"),
    CONVERT("convert");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Outcome> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(wireName)).findFirst();
    }
}
