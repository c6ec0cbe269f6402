package io.cortexsync.cli.cluster;

import java.util.Optional;

/**
 * The checkpoint figures of {@code GET /jobs/<jid>/checkpoints}: how many completed, failed and
 * were restored, and where the latest completed one is (a {@code chk-N} directory).
 */
public record CheckpointStats(long completed, long failed, long restored, Optional<String> latestCompletedPath) {

    /**
     * Where a stop of the job puts its savepoint so that {@code --resume} finds it: {@code
     * savepoints} beside the sync's checkpoints ({@code <sync>/<job-id>/chk-N} → {@code
     * <sync>/savepoints}; a job restored from a savepoint and not checkpointed since names its
     * directory). Empty until the job has completed a checkpoint.
     */
    public Optional<String> savepointDirectory() {
        return latestCompletedPath.map(path -> {
            String trimmed = path.replaceAll("/+$", "");
            String parent = trimmed.substring(0, Math.max(0, trimmed.lastIndexOf('/')));
            if (parent.endsWith("/savepoints")) {
                return parent;
            }
            return parent.substring(0, Math.max(0, parent.lastIndexOf('/'))) + "/savepoints";
        });
    }
}
