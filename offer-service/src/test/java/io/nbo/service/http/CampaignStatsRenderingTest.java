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

    @Test
    void shouldShowRatesAndLiftToSixSignificantDigitsAndEachValueAsItsGroupShowsIt() {
        CampaignStats stats = CampaignStats.empty("k1");
        for (int i = 0; i < 21; i++) {
            CampaignUpdate customer = CampaignUpdate.of("k1", "o1", false, T0).newCustomer().presentation();
            stats = stats.with(i < 10 ? customer.outcome(0, 1, 0).conversion(20.0 / 3, 0, true) : customer);
        }
        for (int i = 0; i < 7; i++) {
            CampaignUpdate customer = CampaignUpdate.of("k1", "o1", true, T0).newCustomer();
            stats = stats.with(i < 1 ? customer.conversion(10.0 / 3, 0, true) : customer);
        }

        JsonObject rendered = CampaignStatsHandler.render(stats, 0.25);
        JsonObject conversion = rendered.getJsonObject("lift").getJsonObject("conversionRate");
        JsonObject revenue = rendered.getJsonObject("lift").getJsonObject("revenuePerCustomer");

        assertThat(rendered.getJsonObject("treatment").getDouble("conversionRate")).isEqualTo(0.47619);
        assertThat(rendered.getJsonObject("treatment").getDouble("acceptRate")).isEqualTo(0.47619);
        assertThat(rendered.getJsonObject("offers").getJsonObject("o1").getDouble("acceptRate")).isEqualTo(0.47619);
        assertThat(conversion.getDouble("treatment")).isEqualTo(0.47619);
        assertThat(conversion.getDouble("control")).isEqualTo(0.142857);
        assertThat(conversion.getDouble("relative")).isEqualTo(2.33333);
        assertThat(revenue.getDouble("control")).as("as the control group shows it")
                .isEqualTo(rendered.getJsonObject("control").getDouble("revenuePerCustomer")).isEqualTo(0.47619);
        assertThat(revenue.getDouble("treatment"))
                .isEqualTo(rendered.getJsonObject("treatment").getDouble("revenuePerCustomer")).isEqualTo(3.174603);
        for (String bound : new String[]{"low", "high"}) {
            double value = conversion.getJsonObject("ci95").getDouble(bound);
            assertThat(new java.math.BigDecimal(String.valueOf(value)).stripTrailingZeros().precision())
                    .as("ci95 " + bound + " " + value).isLessThanOrEqualTo(6);
        }
    }
}
