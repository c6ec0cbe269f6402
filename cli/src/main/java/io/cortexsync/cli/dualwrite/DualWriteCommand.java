package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.RunnerUnavailableException;
import io.cortexsync.cli.run.StopSignals;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cortex-sync dual-write}: lands every entity change of a Kafka topic in SurrealDB, then Qdrant, on a local Flink MiniCluster. */
@Command(
        name = "dual-write",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Lands every EntityChange of a Kafka topic in SurrealDB, then in Qdrant, exactly once, as a "
                + "streaming Flink job on this machine: a two-phase commit with the checkpoint as its write-ahead "
                + "log, version (or timestamp) conflicts decided once, compensation when Qdrant refuses a point, "
                + "and one final sync event per change. Runs until stopped: Ctrl-C stops it with a savepoint, and "
                + "--resume continues exactly there.%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped on request with a savepoint",
            "1:the job failed or was cancelled",
            "2:an option is wrong, or a store or Kafka is unreachable, refuses access or does not fit"
        })
public final class DualWriteCommand implements Callable<Integer> {

    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Mixin
    DualWriteCommandOptions options;

    private final PrintStream out;
    private final PrintStream err;

    public DualWriteCommand() {
        this(System.out, System.err);
    }

    public DualWriteCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public DualWriteCommandOptions options() {
        return options;
    }

    @Override
    public Integer call() throws Exception {
        StopSignals signals = StopSignals.onSignals();
        DualWriteRun run = new DualWriteRun(options, new MiniClusterRunner(options.run().webUi()), out, PROGRESS_INTERVAL);
        try {
            return run.run(signals).stopped() ? 0 : 1;
        } catch (InvalidOptionException | PreflightException | RunnerUnavailableException e) {
            CommandErrors.print(err, "cortex-sync dual-write", e);
            return 2;
        }
    }
}
