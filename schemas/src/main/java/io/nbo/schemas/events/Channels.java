package io.nbo.schemas.events;

import java.util.Set;

/** The channels of the contract ({@code common.schema.json}): where events happen and offers are shown. */
public final class Channels {
    public static final Set<String> ALL = Set.of("web", "app", "call-centre", "email", "sms", "store");

    private Channels() {
    }
}
