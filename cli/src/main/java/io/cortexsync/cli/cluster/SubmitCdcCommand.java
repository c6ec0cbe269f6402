package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.cdc.CdcOptions;
import io.cortexsync.cli.cdc.CdcRun;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.run.RestClusterRunner;
import io.cortexsync.cli.run.RunnerUnavailableException;
import io.cortexsync.cli.run.RunningJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code cortex-sync submit cdc --jobmanager http://host:8081 <cdc options>}: the cdc job on a
 * session cluster, detached: checks the stores, creates the collection and topics, submits the
 * job (restored with {@code --resume}), prints its id and dashboard page and returns. {@code
 * cortex-sync stop} ends it with a savepoint.
 */
@Command(
        name = "cdc",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job was submitted and runs",
            "1:the cluster refused or lost the job",
            "2:an option is wrong, or a store or the cluster is unreachable, refuses access or does not fit"
        },
        description = {
            "Keep a Qdrant collection in step with SurrealDB tables as a streaming job on a Flink session cluster.",
            "Checks the stores and change feeds first, uploads the job jar, starts the job and returns;",
            "stop it with 'cortex-sync stop --jobmanager URL --job ID', which takes a savepoint --resume continues from.",
            "Paths and store addresses must be reachable from this machine and from the cluster alike."
        })
public final class SubmitCdcCommand implements Callable<Integer> {

    @Mixin
    SubmitOptions cluster;

    @Mixin
    CdcOptions options;

    private final PrintStream out;
    private final PrintStream err;

    public SubmitCdcCommand() {
        this(System.out, System.err);
    }

    SubmitCdcCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        try {
            RestClusterRunner runner = cluster.runner(err);
            RunningJob job = new CdcRun(options, runner, out, Duration.ofSeconds(5), Clock.systemUTC()).start();
            out.println(cluster.submitted(job.jobId()));
            return 0;
        } catch (PreflightException | RunnerUnavailableException | IllegalArgumentException e) {
            CommandErrors.print(err, "cortex-sync submit cdc", e);
            return 2;
        } catch (FlinkRestException e) {
            CommandErrors.print(err, "cortex-sync submit cdc", e);
            return 1;
        }
    }
}
