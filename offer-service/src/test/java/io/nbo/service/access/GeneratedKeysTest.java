package io.nbo.service.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedKeysTest {
    @TempDir
    Path stateDir;

    @Test
    void shouldWriteOneKeyPerRoleForAShellAndForgetThemOnceKeysAreConfigured() throws Exception {
        List<ApiKey> keys = GeneratedKeys.create(stateDir);
        Path file = stateDir.resolve(GeneratedKeys.FILE_NAME);

        assertThat(Files.readString(file)).contains("NBO_SITE_KEY=" + keys.stream()
                .filter(k -> k.role() == Role.SITE).findFirst().orElseThrow().secret());
        GeneratedKeys.forgetGenerated(stateDir);
        assertThat(file).doesNotExist();
        GeneratedKeys.forgetGenerated(stateDir);
    }
}
