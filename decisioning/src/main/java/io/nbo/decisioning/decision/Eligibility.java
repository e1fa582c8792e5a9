package io.nbo.decisioning.decision;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.offers.Offer;
import java.util.Optional;
import java.util.Set;

/** Hard rules an offer must pass before it is scored; each refusal is a sentence a person can read. */
public final class Eligibility {
    /**
     * Channels that reach out to the customer rather than answer a visit: nothing is sent there without the
     * customer's recorded consent. On the others (web, app, call centre, store) the customer came to us, so
     * only a withdrawal stops offers, and prospects with no record are served.
     */
    public static final Set<String> OPT_IN_CHANNELS = Set.of("email", "sms");

    private Eligibility() {
    }

    /** Why the offer may not be made in this request, or empty when it may. */
    public static Optional<String> refusal(Offer offer, CustomerProfile profile, DecisionRequest request) {
        if (!offer.channels().contains(request.channel())) {
            return Optional.of("not offered on channel " + request.channel());
        }
        if (request.placement() != null && !offer.placements().isEmpty()
                && !offer.placements().contains(request.placement())) {
            return Optional.of("not offered in placement " + request.placement());
        }
        if (!offer.validAt(request.now())) {
            return Optional.of(offer.validFrom() != null && request.now() < offer.validFrom()
                    ? "not valid yet: from " + java.time.Instant.ofEpochMilli(offer.validFrom())
                    : "expired: ended at " + java.time.Instant.ofEpochMilli(offer.validTo()));
        }
        Boolean channelConsent = profile.consents().get(request.channel());
        if (Boolean.FALSE.equals(channelConsent)) {
            return Optional.of("customer has withdrawn consent for channel " + request.channel());
        }
        if (channelConsent == null && OPT_IN_CHANNELS.contains(request.channel())) {
            return Optional.of("no consent recorded for channel " + request.channel() + ", which needs opt-in");
        }
        for (String purpose : offer.requiredConsents()) {
            // A consent given or withdrawn for one channel ("marketing:sms") is more specific than the purpose's.
            String perChannel = purpose + ":" + request.channel();
            Boolean given = profile.consents().containsKey(perChannel) ? profile.consents().get(perChannel)
                    : profile.consents().get(purpose);
            if (!Boolean.TRUE.equals(given)) {
                return Optional.of("needs consent for " + purpose + " on " + request.channel());
            }
        }
        return Optional.empty();
    }
}
