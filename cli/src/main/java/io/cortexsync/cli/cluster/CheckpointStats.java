package io.cortexsync.cli.cluster;

import java.util.Optional;

/**
 * The checkpoint figures of {@code GET /jobs/<jid>/checkpoints}: how many completed, failed and
 * were restored, and where the latest completed one is (a {@code chk-N} directory).
 */
public record CheckpointStats(long completed, long failed, long restored, Optional<String> latestCompletedPath) {}
