package io.cortexsync.cli.reconcile;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.RunnerUnavailableException;
import io.cortexsync.cli.run.StopSignals;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cortex-sync reconcile}: finds (and with {@code --repair} repairs) every difference between tables and their collection. */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Compares SurrealDB tables with the Qdrant collection they sync into, as a bounded Flink job on this "
                + "machine: both sides read in parallel, keyed by partition of the point id; per partition a Merkle tree "
                + "of leaf digests, so only the leaves that differ are compared record by record. Every difference "
                + "(MISSING_VECTOR, ORPHAN_VECTOR, MISMATCH) is a repair record in the --findings file, the report and "
                + "the --repairs-topic; with --repair each is repaired after a re-check.%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the stores agree, or every difference was repaired; --continuous: stopped with a savepoint",
            "1:differences remain (a dry run, or repairs skipped or failed), or the job failed",
            "2:an option is wrong, or a store is unreachable, refuses access or does not fit"
        })
public final class ReconcileCommand implements Callable<Integer> {

    /** How often the progress line is printed. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(3);

    @Mixin
    ReconcileOptions options;

    private final PrintStream out;
    private final PrintStream err;

    public ReconcileCommand() {
        this(System.out, System.err);
    }

    public ReconcileCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public ReconcileOptions options() {
        return options;
    }

    @Override
    public Integer call() throws Exception {
        ReconcileReport report;
        ReconcileRun run = new ReconcileRun(options, new MiniClusterRunner(options.run().webUi()), out, PROGRESS_INTERVAL);
        try {
            if (options.continuous()) {
                return run.runContinuous(StopSignals.onSignals()).stopped() ? 0 : 1;
            }
            report = run.run();
        } catch (InvalidOptionException | PreflightException | RunnerUnavailableException e) {
            CommandErrors.print(err, "cortex-sync reconcile", e);
            return 2;
        }
        return print(report, options, out);
    }

    /** Prints the summary and where the records and the report are; the exit code of the run. */
    public static int print(ReconcileReport report, ReconcileOptions options, PrintStream out) throws IOException {
        out.println(report.summary());
        out.println("repair records: " + options.findings().toAbsolutePath());
        if (options.run().report() != null) {
            report.writeTo(options.run().report());
            out.println("report: " + options.run().report().toAbsolutePath());
        }
        return report.ok() ? 0 : 1;
    }
}
