package io.cortexsync.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The checkpoint figures of {@code GET /jobs/<jid>/checkpoints}: how many completed, failed and
 * were restored, and the latest completed one: its id (-1 when none), when its last acknowledgement
 * came (epoch ms, -1 when none) and where it is (a {@code chk-N} directory).
 */
public record CheckpointStats(long completed, long failed, long restored, Optional<String> latestCompletedPath,
        long latestCompletedId, long latestCompletedAtMillis) {

    /** Reads the answer of {@code GET /jobs/<jid>/checkpoints}. */
    public static CheckpointStats of(JsonNode answer) {
        JsonNode counts = answer.path("counts");
        JsonNode latest = answer.path("latest").path("completed");
        boolean any = latest.isObject();
        Optional<String> path = any && latest.hasNonNull("external_path")
                ? Optional.of(latest.get("external_path").asText())
                : Optional.empty();
        return new CheckpointStats(counts.path("completed").asLong(), counts.path("failed").asLong(),
                counts.path("restored").asLong(), path,
                any ? latest.path("id").asLong(-1) : -1,
                any ? latest.path("latest_ack_timestamp").asLong(-1) : -1);
    }

    /** Whether a checkpoint of the job has completed. */
    public boolean hasCompleted() {
        return latestCompletedId >= 0;
    }
}
