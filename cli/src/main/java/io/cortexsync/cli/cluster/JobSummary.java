package io.cortexsync.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.api.common.JobStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * A job as {@code GET /jobs/overview} lists it: id, name, state, when it started and ended (epoch
 * ms; -1 while it runs) and how long it has run.
 */
public record JobSummary(String id, String name, JobStatus state, long startMillis, long endMillis, long durationMs) {

    /** The jobs of an answer of {@code GET /jobs/overview}, in the cluster's order. */
    public static List<JobSummary> listOf(JsonNode overview) {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode job : overview.path("jobs")) {
            jobs.add(new JobSummary(job.path("jid").asText(), job.path("name").asText(""),
                    JobStatus.valueOf(job.path("state").asText()), job.path("start-time").asLong(-1),
                    job.path("end-time").asLong(-1), job.path("duration").asLong(0)));
        }
        return jobs;
    }

    /** FINISHED, FAILED or CANCELED: the job will not run again. */
    public boolean isTerminal() {
        return state.isGloballyTerminalState();
    }
}
