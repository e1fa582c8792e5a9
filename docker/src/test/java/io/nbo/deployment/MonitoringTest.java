package io.nbo.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MonitoringTest {
    private static final Path GRAFANA = DeploymentFiles.DOCKER.resolve("grafana");
    private static final Path DASHBOARD = GRAFANA.resolve("dashboards/offer-service.json");
    private static final String DECISION_ROUTE = "/v1/customers/:customerId/offers";

    @Test
    void shouldScrapeEveryServiceInstanceOnItsPort() {
        JsonNode prometheus = DeploymentFiles.yaml(DeploymentFiles.DOCKER.resolve("prometheus/prometheus.yml"));
        Set<String> targets = new HashSet<>();
        prometheus.path("scrape_configs").forEach(job -> {
            assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
            job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
        });

        Map<String, JsonNode> instances = ComposeFileTest.serviceInstances();
        assertThat(instances).hasSize(2);
        instances.forEach((name, service) -> {
            String port = DeploymentFiles.environment(service).getOrDefault("PORT", "8080");
            assertThat(targets).as("Prometheus targets").contains(name + ":" + port);
        });
    }

    @Test
    void shouldChartOnlyMetricsTheServiceExposes() {
        assertThat(ServiceSource.ownMetricNames()).as("meter names parsed from the service source")
                .contains("http_server_requests_seconds_bucket", "nbo_events_accepted_total", "nbo_dead_letters",
                        "nbo_decisions_recording", "nbo_event_freshness_seconds_bucket",
                        "nbo_campaign_conversion_rate_lift", "nbo_campaign_revenue_per_customer_lift");

        assertThat(unknown(usedMetricNames())).as("dashboard metrics the service does not expose").isEmpty();
    }

    /** Of {@code names}, those neither the service's own meters nor in the captured scrape. */
    private static List<String> unknown(Set<String> names) {
        Set<String> own = ServiceSource.ownMetricNames();
        Set<String> scraped = scrapedNames();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            boolean ours = name.startsWith("nbo_") || name.startsWith("http_server_");
            if (ours ? !own.contains(name) : !scraped.contains(name)) {
                unknown.add(name);
            }
            if (name.startsWith("kafka_")) {
                assertThat(ServiceSource.bindsKafkaStreamsMetrics()).as("the service binds KafkaStreamsMetrics")
                        .isTrue();
            }
        }
        return unknown;
    }

    @Test
    void shouldAlertOnMetricsTheServiceExposesFromARulesFilePrometheusIsGiven() {
        JsonNode prometheus = DeploymentFiles.yaml(DeploymentFiles.DOCKER.resolve("prometheus/prometheus.yml"));
        assertThat(prometheus.path("rule_files").toString()).contains("/etc/prometheus/alerts.yml");
        assertThat(DeploymentFiles.text(DeploymentFiles.DOCKER.resolve("compose.yaml")))
                .contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");

        List<String> alerts = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        DeploymentFiles.yaml(DeploymentFiles.DOCKER.resolve("prometheus/alerts.yml")).path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> {
                    alerts.add(rule.path("alert").asText());
                    assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText() + " severity")
                            .isIn("page", "ticket");
                    used.addAll(PromQl.metricNames(rule.path("expr").asText()));
                }));
        used.remove("up");

        assertThat(alerts).contains("OfferServiceDown", "DecisionsNotRecorded", "DeadLetters", "StreamsLagging",
                "EventsLate", "StreamsNotRunning", "StreamThreadsFailing");
        assertThat(unknown(used)).as("alerted metrics the service does not expose").isEmpty();
    }

    @Test
    void shouldHaveThePanelsAnOperatorNeeds() {
        List<String> expressions = expressions();
        assertThat(ServiceSource.routes()).as("routes in Routes.java").contains(DECISION_ROUTE);

        assertThat(expressions).as("decision latency from the histogram of the decision route")
                .anyMatch(e -> e.contains("histogram_quantile") && e.contains("http_server_requests_seconds_bucket")
                        && e.contains("route=\"" + DECISION_ROUTE + "\""));
        assertThat(expressions).as("throughput").anyMatch(e -> e.contains("rate(http_server_requests_seconds_count"));
        assertThat(expressions).as("dead letters").anyMatch(e -> e.contains("nbo_dead_letters"));
        assertThat(expressions).as("consumer lag")
                .anyMatch(e -> e.contains("kafka_consumer_fetch_manager_records_lag_max"));
        assertThat(expressions).as("events accepted").anyMatch(e -> e.contains("nbo_events_accepted_total"));
        assertThat(expressions).as("freshness from its histogram")
                .anyMatch(e -> e.contains("histogram_quantile") && e.contains("nbo_event_freshness_seconds_bucket"));
        assertThat(expressions).as("campaign lift with its interval")
                .anyMatch(e -> e.contains("nbo_campaign_conversion_rate_lift") && e.contains("bound=\"difference\""))
                .anyMatch(e -> e.contains("nbo_campaign_conversion_rate_lift") && e.contains("bound=\"low\""));
    }

    @Test
    void shouldProvisionTheDatasourceAndDashboardGrafanaIsGiven() {
        JsonNode datasources = DeploymentFiles.yaml(GRAFANA.resolve("provisioning/datasources/prometheus.yaml"));
        JsonNode prometheus = datasources.path("datasources").get(0);
        assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
        assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");

        Set<String> uids = new TreeSet<>();
        DeploymentFiles.json(DASHBOARD).path("panels").forEach(panel -> {
            uids.add(panel.path("datasource").path("uid").asText());
            panel.path("targets").forEach(t -> uids.add(t.path("datasource").path("uid").asText()));
        });
        assertThat(uids).as("datasources the panels use").containsExactly(prometheus.path("uid").asText());

        JsonNode providers = DeploymentFiles.yaml(GRAFANA.resolve("provisioning/dashboards/offer-service.yaml"));
        String dashboardPath = providers.path("providers").get(0).path("options").path("path").asText();
        JsonNode grafana = DeploymentFiles.yaml(DeploymentFiles.DOCKER.resolve("compose.yaml"))
                .path("services").path("grafana");
        List<String> mounts = new ArrayList<>();
        grafana.path("volumes").forEach(v -> mounts.add(v.asText()));
        assertThat(mounts).as("Grafana mounts the dashboards where the provider looks")
                .contains("./grafana/dashboards:" + dashboardPath + ":ro")
                .contains("./grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void shouldReadMetricNamesOutOfPromQl() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(a_bucket{route=\"/x\"}[5m])))"))
                .containsExactly("a_bucket");
        assertThat(PromQl.metricNames("sum by (type) (rate(b_total[$__rate_interval])) / max(c)"))
                .containsExactly("b_total", "c");
    }

    private static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        DeploymentFiles.json(DASHBOARD).path("panels")
                .forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        return expressions;
    }

    private static Set<String> usedMetricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(e -> names.addAll(PromQl.metricNames(e)));
        return names;
    }

    /** Families from the captured scrape, with the series names a histogram family expands to. */
    private static Set<String> scrapedNames() {
        Set<String> names = new HashSet<>();
        for (String line : DeploymentFiles.text(Path.of(DeploymentFiles.DOCKER.toString(),
                "src/test/resources/scraped-metric-families.txt")).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            names.add(parts[0]);
            if (parts.length > 1 && parts[1].equals("histogram")) {
                names.addAll(List.of(parts[0] + "_bucket", parts[0] + "_count", parts[0] + "_sum"));
            }
        }
        return names;
    }
}
