package io.nbo.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalStoreRecoveryTest {
    @TempDir
    Path stateDir;

    private Path globalStore() throws Exception {
        Path store = stateDir.resolve("streams/app/global/rocksdb/offer-catalogue");
        Files.createDirectories(store);
        Files.writeString(store.resolve("CURRENT"), "MANIFEST-000001\n");
        return store;
    }

    @Test
    void shouldRebuildTheGlobalStoresAfterAStopThatWasNotClean() throws Exception {
        Path store = globalStore();
        GlobalStoreRecovery recovery = new GlobalStoreRecovery(stateDir, stateDir.resolve("streams"), "app");

        recovery.beforeStart();

        assertThat(stateDir.resolve("streams/app/global")).doesNotExist();
        assertThat(stateDir.resolve("streams/app")).as("the task stores are Kafka Streams' to judge").exists();
        assertThat(store).doesNotExist();
    }

    @Test
    void shouldKeepThemAfterACleanStopAndForgetThatStopOnStart() throws Exception {
        Path store = globalStore();
        GlobalStoreRecovery recovery = new GlobalStoreRecovery(stateDir, stateDir.resolve("streams"), "app");
        recovery.cleanlyStopped();

        recovery.beforeStart();

        assertThat(store.resolve("CURRENT")).exists();
        assertThat(stateDir.resolve(GlobalStoreRecovery.CLEAN_STOP_MARK)).as("a crash from now on is not clean")
                .doesNotExist();
        recovery.beforeStart();
        assertThat(store).doesNotExist();
    }
}
