package dev.graft.report;

/** The milliseconds of a step, for the report's {@code timings_ms}: one way to measure, for every step. */
public final class StepTimes {

    private StepTimes() {
    }

    /** Milliseconds since {@code startNanos}, a {@link System#nanoTime()} reading. */
    public static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
