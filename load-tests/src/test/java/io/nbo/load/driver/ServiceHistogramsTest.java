package io.nbo.load.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceHistogramsTest {
    @Test
    void shouldReadTheCollectorsFreshnessBucketsOnly() {
        String scrape = """
                # TYPE nbo_event_freshness_seconds histogram
                nbo_event_freshness_seconds_bucket{origin="collector",le="0.005"} 663
                nbo_event_freshness_seconds_bucket{origin="collector",le="0.05"} 1038.0
                nbo_event_freshness_seconds_bucket{origin="collector",le="+Inf"} 1058
                nbo_event_freshness_seconds_count{origin="collector"} 1058
                nbo_event_freshness_seconds_bucket{origin="topic",le="0.005"} 7
                """;

        assertThat(ServiceHistograms.freshness(scrape)).containsExactly(
                Map.entry(0.005, 663L), Map.entry(0.05, 1038L), Map.entry(Double.POSITIVE_INFINITY, 1058L));
    }

    @Test
    void shouldReadTheAnsweredDecisionsTimeApartFromRefusalsAndOtherRoutes() {
        String scrape = """
                http_server_requests_seconds_bucket{method="GET",route="/v1/customers/:customerId/offers",status="200",le="5.0E-4"} 40
                http_server_requests_seconds_bucket{method="GET",route="/v1/customers/:customerId/offers",status="200",le="0.001"} 90.0
                http_server_requests_seconds_bucket{method="GET",route="/v1/customers/:customerId/offers",status="200",le="+Inf"} 100
                http_server_requests_seconds_bucket{method="GET",route="/v1/customers/:customerId/offers",status="503",le="0.001"} 9
                http_server_requests_seconds_bucket{method="GET",route="/v1/customers/:customerId",status="200",le="0.001"} 7
                http_server_requests_seconds_bucket{method="GET",route="/v1/ping",status="200",le="0.001"} 5
                """;

        assertThat(ServiceHistograms.decisionTime(scrape)).containsExactly(
                Map.entry(0.0005, 40L), Map.entry(0.001, 90L), Map.entry(Double.POSITIVE_INFINITY, 100L));
        assertThat(ServiceHistograms.decisionTime("")).isEmpty();
    }
}
