package io.nbo.service.http;

import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.campaigns.CampaignCodec;
import io.nbo.schemas.offers.Offer;
import io.nbo.schemas.offers.OfferCodec;
import io.nbo.schemas.topics.Topics;
import io.nbo.service.state.StateReader;
import java.util.List;

/** The catalogue resources the API manages. */
public final class Catalogues {
    private Catalogues() {
    }

    public static CatalogueHandler.Resource<Offer> offers(StateReader state) {
        OfferCodec codec = new OfferCodec();
        return new CatalogueHandler.Resource<>("offer", "offerId", Topics.OFFERS, codec::decodeWritten, Offer::offerId,
                state::offer, state::offers, state::forgetCachedTables,
                (partition, offset) -> state.globalHasApplied(Topics.OFFERS.name(), partition, offset),
                (partition, offset) -> state.globalRecordCreated(Topics.OFFERS.name(), partition, offset),
                offerId -> List.of(), (stored, replacement) -> java.util.Optional.empty());
    }

    public static CatalogueHandler.Resource<Campaign> campaigns(StateReader state) {
        CampaignCodec codec = new CampaignCodec();
        return new CatalogueHandler.Resource<>("campaign", "campaignId", Topics.CAMPAIGNS, codec::decodeWritten,
                Campaign::campaignId, state::campaign, state::campaigns, state::forgetCachedTables,
                (partition, offset) -> state.globalHasApplied(Topics.CAMPAIGNS.name(), partition, offset),
                (partition, offset) -> state.globalRecordCreated(Topics.CAMPAIGNS.name(), partition, offset),
                campaignId -> state.offers().stream().filter(offer -> campaignId.equals(offer.campaignId()))
                        .map(Offer::offerId).sorted().toList(), Catalogues::endsHoldOutUnasked);
    }

    /**
     * A replacement that leaves out {@code controlShare} would end a running hold-out, and every lift read after it
     * would understate the effect: a fixed name should not cost the experiment, so ending it must be said (0).
     */
    private static java.util.Optional<String> endsHoldOutUnasked(Campaign stored, Campaign replacement) {
        if (stored.control() > 0 && replacement.controlShare() == null) {
            return java.util.Optional.of("the campaign " + stored.campaignId() + " holds out a share of "
                    + stored.control() + " of its customers, and a replacement without controlShare would end that"
                    + " control group (lift would then understate the effect): send controlShare, "
                    + stored.control() + " to keep it or 0 to end it");
        }
        return java.util.Optional.empty();
    }
}
