package io.cortexsync.cli.run;

/**
 * A state a run of a sync can be restored from: a retained checkpoint ({@code <job-id>/chk-N}) or a
 * savepoint ({@code savepoints/savepoint-...}), with the time its {@code _metadata} was written.
 */
public record ResumePoint(String path, Kind kind, long writtenAtMillis, long checkpointId) {

    /** What wrote the state. */
    public enum Kind {
        /** A retained checkpoint, left by a job that was cancelled or failed. */
        CHECKPOINT,
        /** A savepoint, left by a stop. */
        SAVEPOINT
    }
}
