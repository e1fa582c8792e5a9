package io.nbo.decisioning.profile;

import io.nbo.schemas.events.Channels;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How much one customer's profile may hold of what events add by name (attributes, consents). Events are bounded
 * one by one, but a stream of them under new names, from anyone holding the public site key, would otherwise grow
 * one profile past what its changelog can take (Kafka's 1 MB record), and every write of that partition would fail.
 */
public final class ProfileLimits {
    public static final int MAX_ATTRIBUTES = 200;
    /**
     * Consent purposes a profile keeps, beside what always fits: a channel's own consent ({@code email}), and a
     * recorded purpose's per-channel entries ({@code marketing:email}). Those are few and bounded, and a withdrawal
     * among them must never be refused, or a flood of made-up purposes could keep a customer's opt-out out.
     */
    public static final int MAX_CONSENTS = 100;
    /**
     * Visitor ids a customer lists as stitched to it (each login from a new device or cookie adds one): the list
     * travels with the profile, and erasure follows it.
     */
    public static final int MAX_STITCHED_IDS = 1000;
    /**
     * Times of attributes removed (kept so that an older update of one cannot bring it back) beyond this many are
     * forgotten, oldest first: otherwise setting and removing ever new names would grow the profile all the same.
     */
    public static final int MAX_REMOVAL_MARKS = 200;
    private static final String ATTRIBUTE_MARK = "attribute:";

    private ProfileLimits() {
    }

    /** Why {@code after} may not replace {@code before} (null for a new profile), or empty when it may. */
    public static Optional<String> refusal(CustomerProfile before, CustomerProfile after) {
        int attributesBefore = before == null ? 0 : before.attributes().size();
        int consentsBefore = before == null ? 0 : purposes(before.consents());
        if (after.attributes().size() > MAX_ATTRIBUTES && after.attributes().size() > attributesBefore) {
            return Optional.of("the customer would hold " + after.attributes().size() + " attributes, more than the "
                    + MAX_ATTRIBUTES + " a profile keeps: remove some (set them to null) before adding others");
        }
        int consents = purposes(after.consents());
        if (consents > MAX_CONSENTS && consents > consentsBefore) {
            return Optional.of("the customer would hold " + consents + " consent purposes, more than the "
                    + MAX_CONSENTS + " a profile keeps (a channel's own consent, and a recorded purpose's per-channel"
                    + " entries, always fit)");
        }
        return Optional.empty();
    }

    /** The consents that count towards {@link #MAX_CONSENTS}. */
    public static int purposes(Map<String, Boolean> consents) {
        int count = 0;
        for (String name : consents.keySet()) {
            int colon = name.lastIndexOf(':');
            boolean alwaysFits = Channels.ALL.contains(name) || colon > 0
                    && Channels.ALL.contains(name.substring(colon + 1)) && consents.containsKey(name.substring(0, colon));
            count += alwaysFits ? 0 : 1;
        }
        return count;
    }

    /** Forgets the oldest removal marks beyond {@link #MAX_REMOVAL_MARKS}; {@code changedAt} is changed in place. */
    static void forgetOldRemovals(Map<String, Long> changedAt, Map<String, Object> attributes) {
        if (changedAt.size() <= MAX_REMOVAL_MARKS) {
            return;
        }
        List<Map.Entry<String, Long>> removals = changedAt.entrySet().stream()
                .filter(mark -> mark.getKey().startsWith(ATTRIBUTE_MARK)
                        && !attributes.containsKey(mark.getKey().substring(ATTRIBUTE_MARK.length())))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .toList();
        removals.stream().limit(Math.max(0, removals.size() - MAX_REMOVAL_MARKS))
                .map(Map.Entry::getKey).toList().forEach(changedAt::remove);
    }
}
