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

    public void value(String name, String value) {
        out.println(name + "=" + value);
        out.flush();
    }
}
