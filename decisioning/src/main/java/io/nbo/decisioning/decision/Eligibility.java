package io.nbo.decisioning.decision;

import io.nbo.decisioning.profile.CustomerProfile;
import io.nbo.schemas.offers.Offer;
import java.util.Optional;

/** Hard rules an offer must pass before it is scored; each refusal is a sentence a person can read. */
public final class Eligibility {
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
            return Optional.of("outside its validity window");
        }
        if (Boolean.FALSE.equals(profile.consents().get(request.channel()))) {
            return Optional.of("customer has withdrawn consent for channel " + request.channel());
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
