package io.nbo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CAMPAIGN_METRICS=false keeps campaign results off the open /metrics, and only them. */
class CampaignMetricsSwitchIntegrationTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldLeaveCampaignsOutOfTheMetricsWhenSwitchedOff() throws Exception {
        try (OfferService service = OfferService.start(TestServices.config(stateDir,
                Map.of("CAMPAIGN_METRICS", "false")))) {
            Http http = new Http("http://127.0.0.1:" + service.httpPort());
            assertThat(http.put("/v1/campaigns/hidden", """
                    {"name":"Hidden","controlShare":0.5}""").status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/v1/stats/campaigns").body()
                    .contains("\"hidden\""));

            String metrics = http.get("/metrics").body();
            assertThat(metrics).doesNotContain("nbo_campaign_").contains("nbo_event_freshness_seconds_bucket");
        }
    }
}
