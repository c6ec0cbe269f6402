package io.cortexsync.cli.cdc;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.RunnerUnavailableException;
import io.cortexsync.cli.run.StopSignals;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cortex-sync cdc}: keeps a Qdrant collection in step with SurrealDB tables on a local Flink MiniCluster. */
@Command(
        name = "cdc",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Keeps one Qdrant collection in step with SurrealDB tables as a streaming Flink job on this "
                + "machine: a snapshot (or a position in the change feed), then every change as it commits, "
                + "upserts and deletes in order per record, RocksDB state and checkpoints. Runs until stopped: "
                + "Ctrl-C stops it with a savepoint, and --resume continues exactly there.%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped on request with a savepoint",
            "1:the job failed or was cancelled",
            "2:an option is wrong, or a store is unreachable, refuses access or does not fit"
        })
public final class CdcCommand implements Callable<Integer> {

    /** How often the progress line is printed. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Mixin
    CdcOptions options;

    private final PrintStream out;
    private final PrintStream err;

    public CdcCommand() {
        this(System.out, System.err);
    }

    public CdcCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public CdcOptions options() {
        return options;
    }

    @Override
    public Integer call() throws Exception {
        StopSignals signals = StopSignals.onSignals();
        CdcRun run = new CdcRun(options, new MiniClusterRunner(options.run().webUi()), out, PROGRESS_INTERVAL, Clock.systemUTC());
        try {
            return run.run(signals).stopped() ? 0 : 1;
        } catch (InvalidOptionException | PreflightException | RunnerUnavailableException e) {
            CommandErrors.print(err, "cortex-sync cdc", e);
            return 2;
        }
    }
}
