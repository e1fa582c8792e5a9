package io.nbo.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void shouldCountUserNiceSystemIrqAndSoftirqAsBusy() {
        String procStat = "cpu  1000 50 300 9000 40 6 4 7 0 0\ncpu0 500 25 150 4500 20 3 2 3 0 0\n";

        // user 1000 + nice 50 + system 300 + irq 6 + softirq 4 ticks; idle, iowait and steal are not busy.
        assertThat(CpuMeter.machineBusySeconds(procStat)).isCloseTo(13.6, within(1e-9));
        assertThat(CpuMeter.machineBusySeconds("intr 1 2 3")).isEqualTo(-1);
        assertThat(CpuMeter.machineBusySeconds(null)).isEqualTo(-1);
    }

    @Test
    void shouldAttributeWhatNeitherHarnessNorServiceUsedToOthers() {
        CpuMeter.Snapshot start = new CpuMeter.Snapshot(0, 100, 10, 20, 5);
        CpuMeter.Snapshot end = new CpuMeter.Snapshot(10_000_000_000L, 119, 14, 32, 9);

        CpuMeter.CpuUsage usage = end.since(start);

        // The broker's 0.4 cores are part of the service's 1.2, not added to them.
        assertThat(usage).isEqualTo(new CpuMeter.CpuUsage(1.9, 0.4, 1.2, 0.4, 0.3));
    }

    @Test
    void shouldCountAnExternalServiceAsOther() {
        CpuMeter.Snapshot start = new CpuMeter.Snapshot(0, 100, 10, -1, -1);
        CpuMeter.Snapshot end = new CpuMeter.Snapshot(10_000_000_000L, 115, 13, -1, -1);

        assertThat(end.since(start)).isEqualTo(new CpuMeter.CpuUsage(1.5, 0.3, -1, -1, 1.2));
    }

    @Test
    void shouldMeasureThisProcess() {
        CpuMeter meter = new CpuMeter(Optional.empty());
        CpuMeter.Snapshot snapshot = meter.snapshot();

        assertThat(snapshot.harnessSeconds()).isPositive();
        assertThat(snapshot.serviceSeconds()).isEqualTo(-1);
        assertThat(snapshot.brokerSeconds()).isEqualTo(-1);
    }

    @Test
    void shouldCountTheServicesChildProcessesAsItsBroker() throws Exception {
        // This JVM stands in for the service, and a busy shell started from it for its broker.
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 50000000 ]; do i=$((i+1)); done")
                .start();
        try {
            CpuMeter meter = new CpuMeter(Optional.of(ProcessHandle.current()));
            CpuMeter.Snapshot start = meter.snapshot();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(meter.snapshot().brokerSeconds()).isGreaterThan(start.brokerSeconds()));
            CpuMeter.Snapshot end = meter.snapshot();
            assertThat(end.serviceSeconds() - end.brokerSeconds()).isCloseTo(end.harnessSeconds(), within(0.05));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
