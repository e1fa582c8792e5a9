package io.nbo.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.nbo.decisioning.campaigns.CampaignStats;
import io.nbo.decisioning.campaigns.CampaignUpdate;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CampaignStatsRenderingTest {
    private static final long T0 = 1_795_000_000_000L;

    @Test
    void shouldShowMoneySummedInFloatingPointWithoutItsNoise() {
        CampaignStats stats = CampaignStats.empty("k1");
        for (double amount : new double[]{0.1, 0.2, 12737.32}) {
            stats = stats.with(CampaignUpdate.of("k1", "o1", false, T0).newCustomer().conversion(amount, 0, true));
        }
        assertThat(0.1 + 0.2 + 12737.32).as("the noise this is about").isNotEqualTo(12737.62);

        JsonObject rendered = CampaignStatsHandler.render(stats, 0.0);

        assertThat(rendered.getJsonObject("treatment").getDouble("revenue")).isEqualTo(12737.62);
        assertThat(rendered.getJsonObject("treatment").getDouble("revenuePerCustomer")).isEqualTo(4245.873333);
        assertThat(rendered.getJsonObject("offers").getJsonObject("o1").getDouble("revenue")).isEqualTo(12737.62);
    }
}
