package io.cortexsync.jobs.migrate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code cortex-sync migrate}: copies SurrealDB tables into a Qdrant collection on a local Flink MiniCluster. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Copies SurrealDB tables into one Qdrant collection as a bounded Flink job on this machine:",
            "parallel snapshot reads, idempotent upserts, RocksDB state and incremental checkpoints",
            "retained on cancellation (continue with --resume). Bad records go to the dead-letter file;",
            "problems with the stores or the options end the run at once with one line."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the migration finished (and verified, with --verify)",
            "1:the job failed or was cancelled, or verification found incorrect points",
            "2:an option is wrong, or a store is unreachable, refuses access or does not fit"
        })
public final class MigrateCommand implements Callable<Integer> {

    /** How often the progress line is printed. */
    static final java.time.Duration PROGRESS_INTERVAL = java.time.Duration.ofSeconds(3);

    @Mixin
    MigrateOptions options;

    private final PrintStream out;
    private final PrintStream err;

    public MigrateCommand() {
        this(System.out, System.err);
    }

    public MigrateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public MigrateOptions options() {
        return options;
    }

    @Override
    public Integer call() throws Exception {
        PreflightResult preflight;
        try {
            options.validate();
            preflight = new MigrationPreflight(options).run();
        } catch (InvalidOptionException | PreflightException e) {
            err.println("cortex-sync migrate: " + oneLine(e.getMessage()));
            return 2;
        }
        out.println(options + ": " + preflight.totalRecords() + " records, dimension " + preflight.dimension()
                + (preflight.collectionExists() ? ", collection exists" : ", collection will be created")
                + (options.dryRun() ? " (dry run: nothing is written)" : ""));
        LocalMigration.Running running;
        try {
            running = new LocalMigration(options, preflight, out).start();
        } catch (PreflightException e) {
            err.println("cortex-sync migrate: " + oneLine(e.getMessage()));
            return 2;
        }
        MigrationReport report;
        try (ProgressPrinter progress = new ProgressPrinter(out, System.console() != null, System::nanoTime)
                .start(running, PROGRESS_INTERVAL)) {
            report = running.awaitReport(progress::close);
        }
        out.println(report.summary());
        if (report.deadLettered() > 0) {
            out.println("dead letters: " + options.deadLetter().toAbsolutePath());
        }
        if (options.report() != null) {
            report.writeTo(options.report());
            out.println("report: " + options.report().toAbsolutePath());
        } else {
            out.println(report.toJsonText());
        }
        return report.ok() ? 0 : 1;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
