package io.cortexsync.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints results as {@code name=value} lines on stdout, the format scripts and notes quote. */
public final class BenchReport {

    private final PrintStream out;

    public BenchReport(PrintStream out) {
        this.out = out;
    }

    public void value(String name, long value) {
        out.println(name + "=" + value);
        out.flush();
    }

    public void value(String name, double value) {
        out.println(name + "=" + String.format(Locale.ROOT, "%.3f", value));
        out.flush();
    }

    /**
     * {@code name} = the CPU seconds this JVM has used so far, the operating system's figure: the
     * benches that run their jobs in this JVM print it last, to compare runs with other JVM flags
     * ({@code CORTEX_SYNC_JAVA_OPTS}).
     */
    public void processCpuSeconds(String name) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        value(name, os.getProcessCpuTime() / 1e9);
    }

    public void value(String name, String value) {
        out.println(name + "=" + value);
        out.flush();
    }
}
