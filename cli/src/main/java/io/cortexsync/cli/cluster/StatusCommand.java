package io.cortexsync.cli.cluster;

import io.cortexsync.cli.CommandErrors;
import io.cortexsync.cli.DurationConverter;
import io.cortexsync.jobs.common.SyncJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cortex-sync status --jobmanager URL}: the project's jobs on a cluster, one line each (id,
 * name, state, uptime, last completed checkpoint, change-feed lag), or JSON with {@code --json}.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the jobs were listed (also when there are none)",
            "2:an option is wrong or the cluster does not answer"
        },
        description = {
            "List the cortex-sync jobs on a Flink cluster: id, name, state, uptime, last checkpoint and lag.",
            "By default the jobs that run and those that ended within the last hour; --all lists every one."
        })
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--jobmanager", paramLabel = "URL", required = true,
            description = "REST address of the cluster's JobManager, e.g. http://127.0.0.1:8081.")
    URI jobManager;

    @Option(names = "--all", description = "Also list the jobs that ended more than an hour ago.")
    boolean all;

    @Option(names = "--json", description = "Print the jobs as a JSON array, for scripts.")
    boolean json;

    @Option(names = "--rest-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Timeout of each REST call (default: ${DEFAULT-VALUE}).")
    Duration restTimeout;

    private final PrintStream out;
    private final PrintStream err;

    public StatusCommand() {
        this(System.out, System.err);
    }

    StatusCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        List<JobStatusLine> jobs;
        FlinkRestClient rest = new FlinkRestClient(jobManager, restTimeout);
        try {
            jobs = new JobStatusReader(rest).read(all, System.currentTimeMillis());
        } catch (FlinkRestException e) {
            CommandErrors.print(err, "cortex-sync status: --jobmanager", e);
            return 2;
        }
        if (json) {
            out.println(StatusTable.json(jobs));
        } else if (jobs.isEmpty()) {
            out.println("no " + SyncJob.NAME_PREFIX.trim() + " jobs" + (all ? "" : " running or ended within the last hour")
                    + " on " + rest.baseUri());
        } else {
            out.print(StatusTable.table(jobs));
        }
        return 0;
    }
}
