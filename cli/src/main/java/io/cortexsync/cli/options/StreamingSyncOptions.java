package io.cortexsync.cli.options;

import io.cortexsync.cli.run.ResumePoints;

import java.time.Duration;

/** What every streaming job's options tell its run: the shared mixins, its sync id and where its savepoints go. */
public interface StreamingSyncOptions {

    /** The id of this sync: the same stores, tables and collection give the same id, and the same checkpoints. */
    String syncId();

    /** Where this sync's checkpoints go: {@code <checkpoint-dir>/<sync-id>}. */
    default String checkpointUri() {
        return run().checkpointBaseUri() + "/" + syncId();
    }

    /** Where a stop puts its savepoint: beside the checkpoints, so {@code --resume} finds either. */
    default String savepointUri() {
        return ResumePoints.savepointDirectory(checkpointUri());
    }

    /** How long a stop waits for its savepoint. */
    Duration stopTimeout();

    StoreOptions stores();

    SyncTargetOptions target();

    KafkaOptions kafka();

    JobRunOptions run();
}
