package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.reconcile.ReconcileCommand;
import io.cortexsync.cli.reconcile.ReconcileOptions;
import io.cortexsync.cli.reconcile.ReconcileReport;
import io.cortexsync.cli.reconcile.ReconcileRun;
import io.cortexsync.cli.run.RestClusterRunner;
import io.cortexsync.cli.run.RunnerUnavailableException;
import io.cortexsync.cli.run.RunningJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

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
public final class SubmitReconcileCommand implements Callable<Integer> {

    @Mixin
    SubmitOptions cluster;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "3s", converter = DurationConverter.class,
            description = "Time between progress lines (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Mixin
    ReconcileOptions options;

    private final PrintStream out;
    private final PrintStream err;

    public SubmitReconcileCommand() {
        this(System.out, System.err);
    }

    SubmitReconcileCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        ReconcileReport report;
        try {
            RestClusterRunner runner = cluster.runner(err);
            ReconcileRun run = new ReconcileRun(options, runner, out, progressInterval);
            if (options.continuous()) {
                RunningJob job = run.startContinuous();
                out.println(cluster.submitted(job.jobId()));
                return 0;
            }
            report = run.run();
        } catch (PreflightException | RunnerUnavailableException | IllegalArgumentException e) {
            CommandErrors.print(err, "cortex-sync submit reconcile", e);
            return 2;
        } catch (FlinkRestException e) {
            CommandErrors.print(err, "cortex-sync submit reconcile", e);
            return 1;
        }
        return ReconcileCommand.print(report, options, out);
    }
}
