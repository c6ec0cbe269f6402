package io.cortexsync.cli.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Prints a migration's progress every few seconds: migrated / total, percent, rate and ETA. On an
 * interactive terminal one bar is redrawn in place; otherwise (logs, pipes) each tick is a line.
 */
public final class ProgressPrinter implements AutoCloseable {

    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread ticker;
    private volatile Progress last;

    public ProgressPrinter(PrintStream out, boolean interactive, LongSupplier nanoClock) {
        this.out = out;
        this.interactive = interactive;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** A printer for this process's standard output, a bar when it is a terminal. */
    public static ProgressPrinter forConsole() {
        return new ProgressPrinter(System.out, System.console() != null, System::nanoTime);
    }

    /** Polls {@code source} every {@code interval} on a daemon thread and prints each reading. */
    public synchronized ProgressPrinter start(ProgressSource source, Duration interval) {
        ticker = new Thread(() -> {
            while (!closed.get()) {
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (closed.get()) {
                    return;
                }
                try {
                    print(source.current());
                } catch (Exception e) {
                    // the job may be between attempts or just finished: skip this tick
                }
            }
        }, "migration-progress");
        ticker.setDaemon(true);
        ticker.start();
        return this;
    }

    /** Prints one reading. */
    public synchronized void print(Progress progress) {
        if (closed.get()) {
            return;
        }
        last = progress;
        String text = format(progress, Duration.ofNanos(nanoClock.getAsLong() - startNanos));
        if (interactive) {
            out.print("\r" + text + "   ");
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** The text of one reading after {@code elapsed}. */
    public String format(Progress p, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = p.processed() / seconds;
        StringBuilder line = new StringBuilder();
        if (interactive && p.total() > 0) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * p.processed() / p.total());
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        } else {
            line.append("progress: ");
        }
        line.append(String.format(Locale.ROOT, "%,d", p.migrated()));
        if (p.total() > 0) {
            line.append(String.format(Locale.ROOT, " / %,d migrated (%.1f%%)", p.total(), 100.0 * p.processed() / p.total()));
        } else {
            line.append(" migrated");
        }
        line.append(String.format(Locale.ROOT, ", %,.0f records/s", rate));
        if (p.total() > 0 && rate > 0 && p.processed() < p.total()) {
            line.append(", ETA ").append(clock(Duration.ofSeconds((long) Math.ceil((p.total() - p.processed()) / rate))));
        }
        if (p.deadLettered() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d dead-lettered", p.deadLettered()));
        }
        line.append(", elapsed ").append(clock(elapsed));
        return line.toString();
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Stops the ticks; on a terminal, ends the bar's line. */
    @Override
    public synchronized void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (ticker != null) {
            ticker.interrupt();
        }
        if (interactive && last != null) {
            out.println();
            out.flush();
        }
    }
}
