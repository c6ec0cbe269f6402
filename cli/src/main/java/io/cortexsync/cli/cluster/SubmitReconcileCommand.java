package io.cortexsync.cli.cluster;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.reconcile.ReconcileCommand;
import io.cortexsync.cli.reconcile.ReconcileOptions;
import io.cortexsync.cli.reconcile.ReconcileReport;
import io.cortexsync.cli.reconcile.ReconcileRun;
import io.cortexsync.cli.run.RestClusterRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code cortex-sync submit reconcile --jobmanager http://host:8081 <reconcile options>}: the
 * reconciliation as a job on a session cluster, followed from here until it ends; prints (and with
 * {@code --report} writes) the report. With {@code --continuous} it returns once the job runs, as
 * {@code submit cdc} does; {@code cortex-sync stop} stops it with a savepoint.
 */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the stores agree, or every difference was repaired; --continuous: the job runs",
            "1:differences remain, the job failed or was cancelled, or the cluster was lost",
            "2:an option is wrong, or a store or the cluster is unreachable, refuses access or does not fit"
        },
        description = {
            "Compare SurrealDB table(s) with their Qdrant collection (and repair, with --repair) as a job on a Flink session cluster.",
            "Checks the stores first, uploads the job jar, runs it until it ends, then merges the repair records and reports.",
            "Paths and store addresses must be reachable from this machine and from the cluster alike."
        })
public final class SubmitReconcileCommand extends SubmitJobCommand {

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "Time between progress lines (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Mixin
    ReconcileOptions options;

    public SubmitReconcileCommand() {
        this(System.out, System.err);
    }

    SubmitReconcileCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int submit(RestClusterRunner runner) throws Exception {
        ReconcileRun run = new ReconcileRun(options, runner, out, progressInterval);
        if (options.continuous()) {
            return submitted(run.startContinuous().jobId());
        }
        ReconcileReport report = run.run();
        return ReconcileCommand.print(report, options, out);
    }
}
