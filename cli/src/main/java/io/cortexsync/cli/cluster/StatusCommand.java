package io.cortexsync.cli.cluster;

import io.cortexsync.cli.DurationConverter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/**
 * {@code cortex-sync status --jobmanager URL}: the project's jobs on a cluster, one line each:
 * id, state, uptime, the last completed checkpoint and its age, the change stream's lag (the
 * SurrealSource's {@code currentVersionstampLagMs}, the largest over its readers) and the name.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "List the cortex-sync jobs on a Flink session cluster: state, uptime, last checkpoint and lag.")
public final class StatusCommand implements Callable<Integer> {

    /** Every job's name begins with this. */
    static final String JOB_NAME_PREFIX = "cortex-sync ";

    private static final String LAG_METRIC = "currentVersionstampLagMs";

    @Option(names = "--jobmanager", paramLabel = "URL", required = true,
            description = "REST address of the cluster's JobManager, e.g. http://127.0.0.1:8081.")
    URI jobManager;

    @Option(names = "--all", description = "Also the jobs that ended (finished, cancelled, failed).")
    boolean all;

    @Option(names = "--json", description = "Print a JSON array instead of the table, for scripts.")
    boolean json;

    @Option(names = "--rest-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Timeout of each REST call (default: ${DEFAULT-VALUE}).")
    Duration restTimeout;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public StatusCommand() {
        this(System.out, System.err, Clock.systemUTC());
    }

    StatusCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** One job's line. */
    record Row(String id, String name, String state, long uptimeMs, long lastCheckpointId, long lastCheckpointAgeMs, OptionalLong lagMs) {}

    @Override
    public Integer call() {
        FlinkRestClient rest = new FlinkRestClient(jobManager, restTimeout);
        List<Row> rows = new ArrayList<>();
        try {
            for (JobSummary job : rest.jobs()) {
                if (!job.name().startsWith(JOB_NAME_PREFIX) || (!all && job.isTerminal())) {
                    continue;
                }
                rows.add(row(rest, job));
            }
        } catch (FlinkRestException e) {
            err.println("cortex-sync status: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            return 1;
        }
        out.print(json ? json(rows) : table(rows));
        return 0;
    }

    private Row row(FlinkRestClient rest, JobSummary job) {
        JsonNode checkpoints = rest.get("jobs/" + job.id() + "/checkpoints").path("latest").path("completed");
        long id = checkpoints.isObject() ? checkpoints.path("id").asLong(-1) : -1;
        long ack = checkpoints.isObject() ? checkpoints.path("latest_ack_timestamp").asLong(0) : 0;
        OptionalLong lag = job.isTerminal() ? OptionalLong.empty() : rest.maxSubtaskMetric(job.id(), LAG_METRIC);
        if (lag.isPresent() && lag.getAsLong() < 0) {
            lag = OptionalLong.empty();
        }
        return new Row(job.id(), job.name(), job.state().name(), job.durationMs(), id,
                ack > 0 ? Math.max(0, clock.millis() - ack) : -1, lag);
    }

    static String table(List<Row> rows) {
        if (rows.isEmpty()) {
            return "no cortex-sync jobs\n";
        }
        StringBuilder text = new StringBuilder(String.format("%-32s  %-11s  %-9s  %-16s  %-9s  %s%n",
                "JOB", "STATE", "UPTIME", "LAST CHECKPOINT", "LAG", "NAME"));
        for (Row r : rows) {
            String checkpoint = r.lastCheckpointId() < 0 ? "-" : "#" + r.lastCheckpointId() + ", " + human(r.lastCheckpointAgeMs()) + " ago";
            String lag = r.lagMs().isPresent() ? r.lagMs().getAsLong() + " ms" : "-";
            text.append(String.format("%-32s  %-11s  %-9s  %-16s  %-9s  %s%n",
                    r.id(), r.state(), human(r.uptimeMs()), checkpoint, lag, r.name()));
        }
        return text.toString();
    }

    static String json(List<Row> rows) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (Row r : rows) {
            ObjectNode o = array.addObject();
            o.put("job_id", r.id());
            o.put("name", r.name());
            o.put("state", r.state());
            o.put("uptime_ms", r.uptimeMs());
            if (r.lastCheckpointId() >= 0) {
                o.put("last_checkpoint_id", r.lastCheckpointId());
                o.put("last_checkpoint_age_ms", r.lastCheckpointAgeMs());
            }
            if (r.lagMs().isPresent()) {
                o.put("lag_ms", r.lagMs().getAsLong());
            }
        }
        return array.toPrettyString() + "\n";
    }

    /** 45s, 12m, 3h 05m, 2d 04h. */
    static String human(long ms) {
        long s = Math.max(0, ms) / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return String.format("%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }
}
