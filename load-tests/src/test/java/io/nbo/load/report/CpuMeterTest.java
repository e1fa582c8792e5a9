package io.nbo.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
        CpuMeter.Snapshot start = new CpuMeter.Snapshot(0, 100, 10, 20);
        CpuMeter.Snapshot end = new CpuMeter.Snapshot(10_000_000_000L, 119, 14, 32);

        CpuMeter.CpuUsage usage = end.since(start);

        assertThat(usage).isEqualTo(new CpuMeter.CpuUsage(1.9, 0.4, 1.2, 0.3));
    }

    @Test
    void shouldCountAnExternalServiceAsOther() {
        CpuMeter.Snapshot start = new CpuMeter.Snapshot(0, 100, 10, -1);
        CpuMeter.Snapshot end = new CpuMeter.Snapshot(10_000_000_000L, 115, 13, -1);

        assertThat(end.since(start)).isEqualTo(new CpuMeter.CpuUsage(1.5, 0.3, -1, 1.2));
    }

    @Test
    void shouldMeasureThisProcess() {
        CpuMeter meter = new CpuMeter(Optional.empty());
        CpuMeter.Snapshot snapshot = meter.snapshot();

        assertThat(snapshot.harnessSeconds()).isPositive();
        assertThat(snapshot.serviceSeconds()).isEqualTo(-1);
    }
}
