package io.cortexsync.cli.cluster;

import org.apache.flink.api.common.JobStatus;

/** A job as {@code GET /jobs/overview} lists it. */
public record JobSummary(String id, String name, JobStatus state, long startTime, long durationMs) {

    /** FINISHED, FAILED or CANCELED: the job will not run again. */
    public boolean isTerminal() {
        return state.isGloballyTerminalState();
    }
}
