package io.nbo.decisioning.contact;

/**
 * Per-customer response streak for one offer: declines and ignores in a row (reset by a click, an accept or a
 * convert response), when the last one happened, and the last accept or purchase it led to (for the cool-down).
 */
public record OfferContact(int declinesInRow, Long lastDeclineAt, int ignoresInRow, Long lastIgnoreAt,
                           Long lastAcceptAt) {
    public static final OfferContact NONE = new OfferContact(0, null, 0, null, null);

    OfferContact declined(long at) {
        return new OfferContact(declinesInRow + 1, max(lastDeclineAt, at), ignoresInRow, lastIgnoreAt, lastAcceptAt);
    }

    OfferContact ignored(long at) {
        return new OfferContact(declinesInRow, lastDeclineAt, ignoresInRow + 1, max(lastIgnoreAt, at), lastAcceptAt);
    }

    OfferContact engaged() {
        return new OfferContact(0, lastDeclineAt, 0, lastIgnoreAt, lastAcceptAt);
    }

    OfferContact accepted(long at) {
        return new OfferContact(0, lastDeclineAt, 0, lastIgnoreAt, max(lastAcceptAt, at));
    }

    /**
     * Bought what a showing offered: the cool-down starts as after an accept, but the customer said nothing to
     * the offer itself, so its decline and ignore streaks (and a suppression they started) stand.
     */
    OfferContact purchased(long at) {
        return new OfferContact(declinesInRow, lastDeclineAt, ignoresInRow, lastIgnoreAt, max(lastAcceptAt, at));
    }

    private static Long max(Long current, long at) {
        return current == null ? at : Math.max(current, at);
    }
}
