package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.cli.run.RestClusterRunner;
import io.cortexsync.cli.run.RunnerUnavailableException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * What every {@code submit <job>} does around its job: the runner for the cluster that
 * {@code --jobmanager} names, and the exit codes of what can go wrong before or while the job runs:
 * 2 for a wrong option or a store or cluster that cannot be used, 1 for a cluster that refused or
 * lost the job.
 */
abstract class SubmitJobCommand implements Callable<Integer> {

    @Mixin
    SubmitOptions cluster;

    final PrintStream out;
    final PrintStream err;

    SubmitJobCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs (or starts) the job on the cluster and returns the command's exit code. */
    abstract int submit(RestClusterRunner runner) throws Exception;

    @Override
    public final Integer call() throws Exception {
        String command = "cortex-sync submit " + getClass().getAnnotation(Command.class).name();
        try {
            return submit(cluster.runner(err));
        } catch (PreflightException | RunnerUnavailableException | IllegalArgumentException e) {
            CommandErrors.print(err, command, e);
            return 2;
        } catch (FlinkRestException e) {
            CommandErrors.print(err, command, e);
            return 1;
        }
    }

    /** Prints what a detached submit prints once its job runs, and returns its exit code. */
    final int submitted(String jobId) {
        out.println(cluster.submitted(jobId));
        return 0;
    }
}
