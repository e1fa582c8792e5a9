package io.nbo.load.fault;

/** Prints each step with the seconds since the test started, so a failure's output tells when every fault hit. */
final class Timeline {
    private final long start = System.nanoTime();

    void log(String format, Object... args) {
        System.out.printf("[%6.1f s] %s%n", seconds(), String.format(format, args));
        System.out.flush();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
