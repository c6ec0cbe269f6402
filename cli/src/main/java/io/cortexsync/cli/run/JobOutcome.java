package io.cortexsync.cli.run;

import org.apache.flink.api.common.JobStatus;

import java.util.Map;
import java.util.Optional;

/**
 * How a job ended: its final state, how long it ran, its counters, the checkpoints it completed and,
 * unless it finished, why not (one line).
 */
public record JobOutcome(JobStatus state, long durationMs, Map<String, Object> counters, long checkpoints,
        Optional<String> error) {

    public JobOutcome {
        counters = Map.copyOf(counters);
    }

    public boolean finished() {
        return state == JobStatus.FINISHED;
    }
}
