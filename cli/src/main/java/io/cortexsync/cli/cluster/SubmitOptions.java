package io.cortexsync.cli.cluster;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.run.RestClusterRunner;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Where a {@code submit} command sends its job, shared by every job's {@code submit} as a picocli mixin. */
public final class SubmitOptions {

    @Option(names = "--jobmanager", paramLabel = "URL", required = true,
            description = "REST address of the cluster's JobManager, e.g. http://127.0.0.1:8081.")
    URI jobManager;

    @Option(names = "--job-jar", paramLabel = "FILE",
            description = "The shaded job jar to upload (default: the one this build made, jobs/target/cortex-sync-jobs-*-job.jar).")
    Path jobJar;

    @Option(names = "--rest-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Timeout of each REST call; a JobManager unreachable for four of them is given up on (default: ${DEFAULT-VALUE}).")
    Duration restTimeout;

    /** The runner that uploads the job jar to the cluster and runs the job there; its notes go to {@code err}. */
    public RestClusterRunner runner(PrintStream err) {
        return new RestClusterRunner(new FlinkRestClient(jobManager, restTimeout), JobJar.locate(jobJar), err);
    }

    public URI jobManager() {
        return jobManager;
    }

    /** What a detached submit prints: the job's id and the command that stops it with a savepoint. */
    public String submitted(String jobId) {
        return "submitted job " + jobId + "; stop it with a savepoint: cortex-sync stop --jobmanager " + jobManager + " --job " + jobId;
    }
}
