package io.nbo.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.schemas.campaigns.Campaign;
import io.nbo.schemas.offers.Offer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoCatalogueTest {

    @Test
    void shouldOfferADozenValidOffersAcrossChannelsWithTheirCampaigns() throws Exception {
        List<Offer> offers = DemoCatalogue.offers();
        List<Campaign> campaigns = DemoCatalogue.campaigns();

        assertThat(offers).hasSizeGreaterThanOrEqualTo(12);
        assertThat(offers.stream().flatMap(o -> o.channels().stream()).collect(Collectors.toSet()))
                .contains("web", "call-centre", "email");
        assertThat(offers).anyMatch(Offer::fallbackOnly);
        Set<String> campaignIds = campaigns.stream().map(Campaign::campaignId).collect(Collectors.toSet());
        assertThat(campaigns).anyMatch(c -> c.control() > 0);
        assertThat(offers).anyMatch(o -> o.rules() != null);
        assertThat(offers).anyMatch(o -> o.recovery() && o.channels().contains("call-centre"));
        assertThat(offers.stream().map(Offer::campaignId).filter(campaignIds::contains).count())
                .as("most demo offers belong to a defined campaign").isGreaterThan(offers.size() / 2);
    }
}
