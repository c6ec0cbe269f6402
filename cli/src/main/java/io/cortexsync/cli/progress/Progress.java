package io.cortexsync.cli.progress;

/**
 * How far a migration is: records migrated, failed and dead-lettered so far, out of {@code total}
 * source records (0 when unknown).
 */
public record Progress(long migrated, long failed, long deadLettered, long total) {

    /** Records the job is done with, good or bad. */
    public long processed() {
        return migrated + failed;
    }
}
