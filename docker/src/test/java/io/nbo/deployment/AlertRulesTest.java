package io.nbo.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus files checked by Prometheus' own promtool (Debian's {@code prometheus} package, which .ci/run
 * installs): the configuration and rules load, and each alert fires when, and only when, its unit tests in
 * {@code docker/prometheus/alerts-test.yml} say.
 */
class AlertRulesTest {
    private static final Path PROMETHEUS = DeploymentFiles.DOCKER.resolve("prometheus");

    @Test
    void shouldFireEachAlertWhenAndOnlyWhenItShould() throws Exception {
        Result tests = promtool(PROMETHEUS, "test", "rules", "alerts-test.yml");

        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("SUCCESS");
    }

    @Test
    void shouldLoadTheConfigurationAndItsRules(@TempDir Path config) throws Exception {
        // The configuration names the rules where compose mounts them; promtool reads them from here.
        Files.copy(PROMETHEUS.resolve("alerts.yml"), config.resolve("alerts.yml"));
        Files.writeString(config.resolve("prometheus.yml"), Files.readString(PROMETHEUS.resolve("prometheus.yml"))
                .replace("/etc/prometheus/alerts.yml", config.resolve("alerts.yml").toString()));

        Result check = promtool(config, "check", "config", "prometheus.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("rules found");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is needed to check the alert rules: apt-get install prometheus,"
                    + " as .ci/run does", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
