package io.cortexsync.cli.cluster;

import io.cortexsync.cli.DurationConverter;

import org.apache.flink.api.common.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code cortex-sync stop --jobmanager URL --job ID}: stops a job on a cluster with a savepoint,
 * by default beside the sync's checkpoints (where {@code --resume} looks), waits for the savepoint
 * and the job's end, and prints the savepoint's path.
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job stopped; the savepoint's path is printed",
            "1:the job is unknown or not running, or the savepoint failed or took too long",
            "2:an option is wrong"
        },
        description = "Stop a job on a Flink session cluster with a savepoint; '--resume' of the same sync continues from it.")
public final class StopCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(250);

    @Option(names = "--jobmanager", paramLabel = "URL", required = true,
            description = "REST address of the cluster's JobManager, e.g. http://127.0.0.1:8081.")
    URI jobManager;

    @Option(names = "--job", paramLabel = "ID", required = true, description = "The id of the job to stop.")
    String jobId;

    @Option(names = "--savepoint-dir", paramLabel = "DIR",
            description = "Where the savepoint goes (default: 'savepoints' beside the job's checkpoints, where --resume looks).")
    String savepointDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5min", converter = DurationConverter.class,
            description = "How long to wait for the savepoint and the job's end (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--rest-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Timeout of each REST call (default: ${DEFAULT-VALUE}).")
    Duration restTimeout;

    private final PrintStream out;
    private final PrintStream err;

    public StopCommand() {
        this(System.out, System.err);
    }

    public StopCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!jobId.matches("[0-9a-f]{32}")) {
            err.println("cortex-sync stop: --job: '" + jobId + "' is not a Flink job id (32 hex digits)");
            return 2;
        }
        FlinkRestClient rest = new FlinkRestClient(jobManager, restTimeout);
        try {
            JobInfo job = rest.job(jobId);
            if (job.state() != JobStatus.RUNNING) {
                err.println("cortex-sync stop: job " + jobId + " (" + job.name() + ") is " + job.state() + ", not running");
                return 1;
            }
            String directory = savepointDir != null ? savepointDir : rest.checkpoints(jobId).savepointDirectory().orElse(null);
            if (directory == null) {
                err.println("cortex-sync stop: job " + jobId + " has completed no checkpoint yet, so its sync's directory"
                        + " is unknown; name one with --savepoint-dir");
                return 1;
            }
            out.println("stopping job " + jobId + " (" + job.name() + ") with a savepoint under " + directory);
            String trigger = rest.stopWithSavepoint(jobId, directory);
            long deadline = System.nanoTime() + timeout.toNanos();
            Optional<String> location = Optional.empty();
            while (location.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    err.println("cortex-sync stop: the savepoint of job " + jobId + " did not complete within "
                            + DurationConverter.format(timeout));
                    return 1;
                }
                Thread.sleep(POLL.toMillis());
                location = rest.savepointLocation(jobId, trigger);
            }
            while (!rest.job(jobId).isTerminal() && System.nanoTime() < deadline) {
                Thread.sleep(POLL.toMillis());
            }
            out.println("stopped job " + jobId + " at savepoint " + location.get());
            return 0;
        } catch (FlinkRestException e) {
            err.println("cortex-sync stop: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            return 1;
        }
    }
}
