package io.cortexsync.cli.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cortex-sync submit <job>}: runs a job on a Flink session cluster through its REST API. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Run a job on a Flink 2.2 session cluster through its REST API (upload, run, follow, report).",
        subcommands = {SubmitMigrateCommand.class, SubmitCdcCommand.class, SubmitDualWriteCommand.class, SubmitReconcileCommand.class})
public final class SubmitCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name the job to submit: migrate, cdc, dual-write or reconcile");
    }
}
