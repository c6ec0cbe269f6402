package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.InvalidOptionException;
import org.apache.flink.api.common.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code cortex-sync stop --jobmanager URL --job ID}: stops a job on a cluster with a savepoint,
 * waits for the savepoint and for the job's end, and prints the savepoint's path (alone on
 * standard output, for scripts). The savepoint goes to the job's own savepoint directory, next to
 * its checkpoints, where {@code --resume} looks, unless {@code --savepoint-dir} names another. The
 * sources are not drained: an unbounded job must not flush its watermarks to the end of time
 * before it resumes.
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job stopped; its savepoint's path is printed",
            "1:no such job, the job does not run, or the savepoint or the stop failed or took too long",
            "2:an option is wrong or the cluster does not answer"
        },
        description = {
            "Stop a job on a Flink cluster with a savepoint and print the savepoint's path.",
            "The savepoint goes next to the job's checkpoints (<checkpoint-dir>/<sync-id>/savepoints), where --resume finds it."
        })
public final class StopCommand implements Callable<Integer> {

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_CALL_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--jobmanager", paramLabel = "URL", required = true,
            description = "REST address of the cluster's JobManager, e.g. http://127.0.0.1:8081.")
    URI jobManager;

    @Option(names = "--job", paramLabel = "ID", required = true,
            description = "The id of the job to stop (32 hex digits, as `status` and the dashboard show it).")
    String jobId;

    @Option(names = "--savepoint-dir", paramLabel = "DIR",
            description = "Directory or file system URI for the savepoint (default: the job's own, next to its checkpoints).")
    String savepointDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5min", converter = DurationConverter.class,
            description = "How long to wait for the savepoint and the job's end (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final PrintStream out;
    private final PrintStream err;

    public StopCommand() {
        this(System.out, System.err);
    }

    StopCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        FlinkRestClient rest;
        String target;
        try {
            validate();
            target = savepointDir == null ? null : directoryUri(savepointDir);
            rest = new FlinkRestClient(jobManager, timeout.compareTo(MAX_CALL_TIMEOUT) < 0 ? timeout : MAX_CALL_TIMEOUT);
            rest.overview();
        } catch (InvalidOptionException e) {
            return fail(2, e.getMessage());
        } catch (FlinkRestException e) {
            return fail(2, "--jobmanager: " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            JobInfo job;
            try {
                job = rest.job(jobId);
            } catch (FlinkRestException e) {
                if (e.status() == 404) {
                    return fail(1, "no job " + jobId + " on " + rest.baseUri());
                }
                throw e;
            }
            if (job.state() != JobStatus.RUNNING) {
                return fail(1, "job " + jobId + " (" + job.name() + ") is " + job.state() + ", not RUNNING: nothing to stop");
            }
            if (target == null) {
                // the cluster would put it in its own savepoint directory: name the job's own
                target = rest.savepointDirectory(jobId).orElse(null);
            }
            err.println("stopping job " + jobId + " (" + job.name() + ") with a savepoint in "
                    + (target != null ? target : "the cluster's savepoint directory"));
            String trigger = rest.stopWithSavepoint(jobId, target);
            String savepoint = rest.awaitSavepoint(jobId, trigger, remaining(deadline));
            JobInfo end = awaitEnd(rest, deadline);
            if (end == null) {
                return fail(1, "savepoint " + savepoint + " written, but job " + jobId + " did not end within "
                        + DurationConverter.format(timeout));
            }
            if (end.state() != JobStatus.FINISHED) {
                return fail(1, "savepoint " + savepoint + " written, but job " + jobId + " ended " + end.state());
            }
            out.println(savepoint);
            return 0;
        } catch (FlinkRestException e) {
            return fail(1, e.getMessage());
        }
    }

    private void validate() {
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new InvalidOptionException("--job", "a job id is 32 hex digits, got '" + jobId + "'");
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidOptionException("--timeout", "at least 1s, got " + DurationConverter.format(timeout));
        }
        if (savepointDir != null && savepointDir.isBlank()) {
            throw new InvalidOptionException("--savepoint-dir", "name a directory");
        }
    }

    /** The job once it has ended, or null when it has not by {@code deadline}. */
    private JobInfo awaitEnd(FlinkRestClient rest, long deadline) throws InterruptedException {
        while (true) {
            JobInfo job = rest.job(jobId);
            if (job.isTerminal()) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** A plain path becomes an absolute {@code file:} URI here, so the cluster writes where it was told. */
    static String directoryUri(String dir) {
        if (dir.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return dir.replaceAll("/+$", "");
        }
        return Path.of(dir).toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", "");
    }

    private int fail(int code, String message) {
        err.println("cortex-sync stop: " + CommandErrors.oneLine(message));
        return code;
    }
}
