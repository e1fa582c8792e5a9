package io.nbo.load.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the machine's CPU went during a phase: the harness, the service it started (with its broker, also
 * shown on its own: the service's child processes), and everything else. On a shared machine "other" is what
 * tells a clean run from a disturbed one. Reads {@code /proc/stat} for the machine and each process's own CPU
 * time; where those are missing the figures are -1.
 */
public final class CpuMeter {
    /** Linux reports /proc/stat in USER_HZ, which is 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final ProcessHandle harness = ProcessHandle.current();
    private final ProcessHandle service;

    /** {@code service} is empty when the service runs elsewhere; its CPU then counts as "other". */
    public CpuMeter(Optional<ProcessHandle> service) {
        this.service = service.orElse(null);
    }

    public Snapshot snapshot() {
        double machine = machineBusySeconds(read(PROC_STAT));
        if (service == null) {
            return new Snapshot(System.nanoTime(), machine, cpuSeconds(harness), -1, -1);
        }
        double broker = service.descendants().mapToDouble(CpuMeter::cpuSeconds).sum();
        return new Snapshot(System.nanoTime(), machine, cpuSeconds(harness), cpuSeconds(service) + broker,
                broker);
    }

    /** Seconds of CPU the machine spent busy (user, nice, system, irq, softirq) from the first "cpu" line. */
    static double machineBusySeconds(String procStat) {
        if (procStat == null || !procStat.startsWith("cpu ")) {
            return -1;
        }
        String[] fields = procStat.lines().findFirst().orElse("").trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) {
            busy += i < fields.length ? Long.parseLong(fields[i]) : 0;
        }
        return busy / TICKS_PER_SECOND;
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1_000_000_000L) / 1e9;
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * CPU counters at one instant, in seconds; {@code serviceSeconds} includes {@code brokerSeconds}, what the
     * service's child processes (its embedded broker) used.
     */
    public record Snapshot(long nanos, double machineSeconds, double harnessSeconds, double serviceSeconds,
                           double brokerSeconds) {
        /** Average cores busy between {@code start} and this snapshot. */
        public CpuUsage since(Snapshot start) {
            double elapsed = (nanos - start.nanos) / 1e9;
            if (elapsed <= 0 || machineSeconds < 0 || start.machineSeconds < 0) {
                return CpuUsage.UNKNOWN;
            }
            double machine = (machineSeconds - start.machineSeconds) / elapsed;
            double harness = (harnessSeconds - start.harnessSeconds) / elapsed;
            double service = serviceSeconds < 0 || start.serviceSeconds < 0 ? -1
                    : (serviceSeconds - start.serviceSeconds) / elapsed;
            double broker = brokerSeconds < 0 || start.brokerSeconds < 0 ? -1
                    : (brokerSeconds - start.brokerSeconds) / elapsed;
            double other = machine - harness - Math.max(0, service);
            return new CpuUsage(round(machine), round(harness), round(service), round(broker),
                    round(Math.max(0, other)));
        }
    }

    /**
     * Average cores in use; {@code serviceCores} and {@code brokerCores} are -1 when the harness did not start
     * the service. {@code brokerCores} is the part of {@code serviceCores} its embedded broker used.
     */
    public record CpuUsage(double machineCores, double harnessCores, double serviceCores, double brokerCores,
                           double otherCores) {
        public static final CpuUsage UNKNOWN = new CpuUsage(-1, -1, -1, -1, -1);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
