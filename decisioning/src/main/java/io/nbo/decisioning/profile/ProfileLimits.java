package io.nbo.decisioning.profile;

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
    public static final int MAX_CONSENTS = 100;
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
        int consentsBefore = before == null ? 0 : before.consents().size();
        if (after.attributes().size() > MAX_ATTRIBUTES && after.attributes().size() > attributesBefore) {
            return Optional.of("the customer would hold " + after.attributes().size() + " attributes, more than the "
                    + MAX_ATTRIBUTES + " a profile keeps: remove some (set them to null) before adding others");
        }
        if (after.consents().size() > MAX_CONSENTS && after.consents().size() > consentsBefore) {
            return Optional.of("the customer would hold " + after.consents().size() + " consent purposes, more than the "
                    + MAX_CONSENTS + " a profile keeps");
        }
        return Optional.empty();
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
