package io.cortexsync.cli.migrate;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.RunnerUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cortex-sync migrate}: copies SurrealDB tables into a Qdrant collection on a local Flink MiniCluster. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Copies SurrealDB tables into one Qdrant collection as a bounded Flink job on this machine: "
                + "parallel snapshot reads, idempotent upserts, RocksDB state and incremental checkpoints "
                + "retained on cancellation (continue with --resume). Bad records go to the dead-letter file; "
                + "problems with the stores or the options end the run at once with one line.%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the migration finished (and verified, with --verify)",
            "1:the job failed or was cancelled, or verification found incorrect points",
            "2:an option is wrong, or a store is unreachable, refuses access or does not fit"
        })
public final class MigrateCommand implements Callable<Integer> {

    /** How often the progress line is printed. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(3);

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
        MigrationRun run = new MigrationRun(options, new MiniClusterRunner(options.run().webUi()), out,
                System.console() != null, PROGRESS_INTERVAL).timedFromProcessStart();
        MigrationReport report;
        try {
            report = run.run();
        } catch (InvalidOptionException | PreflightException | RunnerUnavailableException e) {
            CommandErrors.print(err, "cortex-sync migrate", e);
            return 2;
        }
        return MigrationReports.print(report, options, out);
    }
}
