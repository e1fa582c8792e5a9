package io.nbo.decisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.campaigns.CampaignStatus;
import io.nbo.schemas.campaigns.Campaign;
import org.junit.jupiter.api.Test;

class CampaignStatusTest {
    private static final long NOW = 1_800_000_000_000L;

    private static Campaign campaign(Long validFrom, Long validTo, Long volumeCap) {
        return new Campaign("c", "C", 0.1, null, null, volumeCap, 1.0, validFrom, validTo, null, null);
    }

    @Test
    void shouldSayWhyACampaignShowsNothing() {
        assertThat(CampaignStatus.of(campaign(null, null, null), 2, 2, 0, NOW)).isEqualTo(CampaignStatus.RUNNING);
        assertThat(CampaignStatus.of(campaign(NOW + 1, null, null), 2, 2, 0, NOW)).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(CampaignStatus.of(campaign(NOW, null, null), 2, 2, 0, NOW)).as("from its first millisecond")
                .isEqualTo(CampaignStatus.RUNNING);
        assertThat(CampaignStatus.of(campaign(null, NOW, null), 2, 2, 0, NOW)).as("validTo is exclusive")
                .isEqualTo(CampaignStatus.ENDED);
        assertThat(CampaignStatus.of(campaign(null, null, 5L), 2, 2, 4, NOW)).isEqualTo(CampaignStatus.RUNNING);
        assertThat(CampaignStatus.of(campaign(null, null, 5L), 2, 2, 5, NOW))
                .isEqualTo(CampaignStatus.VOLUME_CAP_REACHED);
        assertThat(CampaignStatus.of(campaign(null, null, null), 0, 0, 0, NOW)).isEqualTo(CampaignStatus.NO_OFFERS);
        assertThat(CampaignStatus.of(campaign(null, null, null), 2, 0, 0, NOW)).as("its offers all out of their dates")
                .isEqualTo(CampaignStatus.NO_OFFERS);
        assertThat(CampaignStatus.of(null, 1, 1, 0, NOW)).as("named by an offer, with default settings")
                .isEqualTo(CampaignStatus.RUNNING);
        assertThat(CampaignStatus.of(null, 1, 0, 0, NOW)).isEqualTo(CampaignStatus.NO_OFFERS);
        assertThat(CampaignStatus.of(null, 0, 0, 9, NOW)).isEqualTo(CampaignStatus.DELETED);
    }

    @Test
    void shouldTellEndedBeforeCappedOrEmpty() {
        assertThat(CampaignStatus.of(campaign(null, NOW - 1, 5L), 0, 0, 5, NOW)).isEqualTo(CampaignStatus.ENDED);
        assertThat(CampaignStatus.of(campaign(NOW + 1, null, 5L), 0, 0, 5, NOW)).isEqualTo(CampaignStatus.SCHEDULED);
    }
}
