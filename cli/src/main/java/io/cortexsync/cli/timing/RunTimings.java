package io.cortexsync.cli.timing;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.function.LongSupplier;

/**
 * Where a run's time went, phase by phase, from the start of its process: each {@link #mark}
 * closes the phase that began at the previous one. The first phase, {@code start-up}, is what
 * the process spent before the command began (JVM start, class loading, option parsing).
 */
public final class RunTimings {

    /** The phase before the command's first mark. */
    public static final String START_UP = "start-up";

    private final LongSupplier clockMillis;
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long lastMark;

    RunTimings(long startMillis, LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        this.lastMark = startMillis;
    }

    /** The system property in which the launcher passes when it was started, in microseconds since the epoch. */
    public static final String LAUNCHED_PROPERTY = "cortexsync.launched.micros";

    /**
     * Timings from when this command's process was launched ({@link #LAUNCHED_PROPERTY}); a command
     * run inside a JVM that was already running, which set no such time, is timed from now.
     */
    public static RunTimings sinceProcessStart() {
        long now = System.currentTimeMillis();
        long start = launchedMillis().orElse(now);
        return new RunTimings(Math.min(start, now), System::currentTimeMillis);
    }

    /**
     * Called by the command line's {@code main}: a process the launcher did not start (such as
     * {@code java -jar}) was launched when its JVM started. The operating system keeps a process's
     * start only to the second, too coarse for a start-up.
     */
    public static void launchedWithThisJvm() {
        if (System.getProperty(LAUNCHED_PROPERTY) == null) {
            System.setProperty(LAUNCHED_PROPERTY, String.valueOf(ManagementFactory.getRuntimeMXBean().getStartTime() * 1000));
        }
    }

    private static OptionalLong launchedMillis() {
        try {
            return OptionalLong.of(Long.parseLong(System.getProperty(LAUNCHED_PROPERTY, "")) / 1000);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Timings from now: for a run inside a process that was already running (no start-up phase). */
    public static RunTimings startingNow() {
        return new RunTimings(System.currentTimeMillis(), System::currentTimeMillis);
    }

    /** Ends {@code phase} now; a phase marked again adds to its time. */
    public synchronized RunTimings mark(String phase) {
        long now = clockMillis.getAsLong();
        phases.merge(phase, Math.max(0, now - lastMark), Long::sum);
        lastMark = now;
        return this;
    }

    /** Each phase's milliseconds, in the order they first ended. */
    public synchronized Map<String, Long> phasesMs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** One line: {@code start-up 0.42 s, preflight 0.21 s, ..., total 2.40 s}. */
    public static String describe(Map<String, Long> phasesMs) {
        StringJoiner line = new StringJoiner(", ");
        long total = 0;
        for (Map.Entry<String, Long> phase : phasesMs.entrySet()) {
            line.add(phase.getKey() + " " + seconds(phase.getValue()));
            total += phase.getValue();
        }
        return line.add("total " + seconds(total)).toString();
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
