package io.cortexsync.cli.cluster;

import io.cortexsync.cli.cdc.CdcOptions;
import io.cortexsync.cli.cdc.CdcRun;
import io.cortexsync.cli.run.RestClusterRunner;
import io.cortexsync.cli.run.RunningJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

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
public final class SubmitCdcCommand extends SubmitJobCommand {

    @Mixin
    CdcOptions options;

    public SubmitCdcCommand() {
        this(System.out, System.err);
    }

    SubmitCdcCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int submit(RestClusterRunner runner) throws Exception {
        RunningJob job = new CdcRun(options, runner, out, Duration.ofSeconds(5), Clock.systemUTC()).start();
        return submitted(job.jobId());
    }
}
