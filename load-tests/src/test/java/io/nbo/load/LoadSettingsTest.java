package io.nbo.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {
    private static final String KEY = "admin-5f1c0ffee5ec2e7";

    private static LoadSettings withKey(String key) {
        Duration second = Duration.ofSeconds(1);
        return new LoadSettings("http://localhost:8080", "localhost:9092", key, "nbo-offer-service", "service.jar",
                List.of(), second, second, 200, 500, 10, 50, 2, Duration.ofMillis(10), second, 1000, 1, 16, 1000, 1,
                second, second, 16, 0, second, 42, false, false);
    }

    @Test
    void shouldWriteNoKeyIntoTheResults() {
        LoadSettings settings = withKey(KEY);

        assertThat(settings.asMap()).containsEntry("apiKey", LoadSettings.KEY_WRITTEN_AS)
                .containsEntry("url", "http://localhost:8080");
        assertThat(settings.asMap().toString()).doesNotContain(KEY);
        assertThat(settings.withoutKey("java io.nbo.load.LoadTest --url http://localhost:8080 --api-key " + KEY
                + " --api-key=" + KEY)).doesNotContain(KEY).contains("--api-key " + LoadSettings.KEY_WRITTEN_AS);
    }

    @Test
    void shouldLeaveACommandLineWithoutAKeyAsItWas() {
        assertThat(withKey(null).withoutKey("java io.nbo.load.LoadTest --duration 30s"))
                .isEqualTo("java io.nbo.load.LoadTest --duration 30s");
        assertThat(withKey(null).asMap()).containsEntry("apiKey", null);
    }
}
