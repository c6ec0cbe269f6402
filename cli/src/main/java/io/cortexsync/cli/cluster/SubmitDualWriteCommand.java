package io.cortexsync.cli.cluster;

import io.cortexsync.cli.dualwrite.DualWriteCommandOptions;
import io.cortexsync.cli.dualwrite.DualWriteRun;
import io.cortexsync.cli.run.RestClusterRunner;
import io.cortexsync.cli.run.RunningJob;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code cortex-sync submit dual-write --jobmanager http://host:8081 <dual-write options>}: the
 * dual-write job on a session cluster, detached; {@code cortex-sync stop} ends it with a savepoint.
 */
@Command(
        name = "dual-write",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job was submitted and runs",
            "1:the cluster refused or lost the job",
            "2:an option is wrong, or a store, Kafka or the cluster is unreachable, refuses access or does not fit"
        },
        description = {
            "Land every EntityChange of a Kafka topic in SurrealDB, then Qdrant, as a streaming job on a Flink session cluster.",
            "Checks the stores first, creates the collection and topics, uploads the job jar, starts the job and returns;",
            "stop it with 'cortex-sync stop --jobmanager URL --job ID', which takes a savepoint --resume continues from."
        })
public final class SubmitDualWriteCommand extends SubmitJobCommand {

    @Mixin
    DualWriteCommandOptions options;

    public SubmitDualWriteCommand() {
        this(System.out, System.err);
    }

    SubmitDualWriteCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int submit(RestClusterRunner runner) throws Exception {
        RunningJob job = new DualWriteRun(options, runner, out, Duration.ofSeconds(5)).start();
        return submitted(job.jobId());
    }
}
