package io.nbo.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DockerfileTest {
    private static final Pattern HEALTHCHECK_PROGRAM = Pattern.compile("CMD\\s+(\\S+)");
    private static final Pattern INSTALLED = Pattern.compile("apt-get install[^&]*");

    @Test
    void shouldInstallWhatTheHealthCheckRunsInTheImageThatRunsIt() {
        String runtime = runtimeStage();
        String healthCheck = instruction(runtime, "HEALTHCHECK");
        Matcher program = HEALTHCHECK_PROGRAM.matcher(healthCheck);
        assertThat(program.find()).as("HEALTHCHECK runs a command: %s", healthCheck).isTrue();

        List<String> installed = new ArrayList<>();
        Matcher install = INSTALLED.matcher(runtime);
        while (install.find()) {
            installed.addAll(List.of(install.group().split("\\s+")));
        }
        // The JRE base image promises no HTTP client: whatever the check calls must be installed by this stage.
        assertThat(installed).as("packages the runtime stage installs").contains(program.group(1));
        assertThat(healthCheck).as("asks readiness on the port the service listens on")
                .contains("http://localhost:${PORT}/health/ready");
    }

    @Test
    void shouldRunTheJarThatTheBuildStageProducesWithItsLibraries() {
        String runtime = runtimeStage();
        assertThat(runtime).contains("COPY --from=build /src/offer-service/target/offer-service.jar /app/")
                .contains("COPY --from=build /src/offer-service/target/lib /app/lib");
        assertThat(instruction(runtime, "ENTRYPOINT")).contains("\"-jar\", \"/app/offer-service.jar\"");
    }

    @Test
    void shouldRunAsAnUnprivilegedUserThatOwnsTheStateDirectory() {
        String runtime = runtimeStage();
        String user = instruction(runtime, "USER").substring("USER ".length()).trim();
        assertThat(user).isNotIn("root", "0");
        assertThat(runtime).as("the user is created and owns the state volume")
                .containsPattern("useradd [^\\n]*" + user)
                .containsPattern("chown " + user + "(:" + user + ")? /var/lib/nbo");
        assertThat(runtime.indexOf("\nUSER ")).as("switched after the packages are installed")
                .isGreaterThan(runtime.indexOf("apt-get install"));
    }

    @Test
    void shouldExitWhenTheHeapRunsOutSoTheContainerRestarts() {
        assertThat(instruction(runtimeStage(), "ENTRYPOINT")).contains("-XX:+ExitOnOutOfMemoryError",
                "-XX:MaxRAMPercentage=50");
    }

    @Test
    void shouldKeepTheDeploymentKeysOutOfTheImageAndTheRepository() {
        // The build stage copies the whole context: docker/.env (docs/deployment.md) would sit in its layers.
        assertThat(DeploymentFiles.text(DeploymentFiles.DOCKER.resolve("Dockerfile.dockerignore")).lines())
                .contains("docker/.env");
        assertThat(DeploymentFiles.text(DeploymentFiles.ROOT.resolve(".gitignore")).lines()).contains("/docker/.env");
    }

    /** The text of the last build stage, from its FROM line on: the image that runs. */
    private static String runtimeStage() {
        String dockerfile = DeploymentFiles.text(DeploymentFiles.DOCKER.resolve("Dockerfile"));
        int last = dockerfile.lastIndexOf("\nFROM ");
        assertThat(last).as("a multi-stage build").isGreaterThan(dockerfile.indexOf("FROM "));
        return dockerfile.substring(last + 1);
    }

    /** One instruction with its continuation lines joined. */
    private static String instruction(String stage, String keyword) {
        int start = stage.indexOf("\n" + keyword + " ");
        assertThat(start).as("%s in the runtime stage", keyword).isNotNegative();
        StringBuilder joined = new StringBuilder();
        for (String line : stage.substring(start + 1).split("\n")) {
            joined.append(line.replaceAll("\\\\$", "").trim()).append(' ');
            if (!line.endsWith("\\")) {
                break;
            }
        }
        return joined.toString();
    }
}
