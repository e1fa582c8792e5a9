package io.nbo.service.access;

import java.util.Locale;

/**
 * What a caller may do. The wire id is what API_KEYS names; routes declare which roles they admit.
 * {@link #ADMIN} is admitted everywhere: operators need to try any route with the key they hold.
 */
public enum Role {
    /** A website or app: sends events and responses, asks for the offers of the customer it names. */
    SITE("site"),
    /** A call-centre agent: the customer 360 view, next best actions and their outcomes. */
    AGENT("agent"),
    /** Manages offers and campaigns and watches their results. */
    MARKETER("marketer"),
    /** Erasure and configuration, and everything the other roles may do. */
    ADMIN("admin");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Role fromId(String id) {
        for (Role role : values()) {
            if (role.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        // A long value is probably a key written where the role belongs: never echo it.
        String shown = id.length() <= 12 ? "'" + id.trim() + "'" : "(" + id.length() + " characters)";
        throw new IllegalArgumentException("unknown role " + shown + "; roles are site, agent, marketer, admin");
    }
}
