package io.cortexsync.cli.options;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.run.ResumePoints;
import io.cortexsync.jobs.common.SyncJobOptions;

import org.apache.flink.configuration.Configuration;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * What the options of every streaming job (cdc, dual-write, reconcile) share, as the base of each
 * job's picocli mixin: the stores, what to sync, the Kafka outputs, how the job runs, how long a
 * stop waits; and what they tell the job's run: its sync id, checkpoints and savepoints. picocli
 * reads a base class's options before the subclass's, so these come first in the help.
 */
public abstract class StreamingSyncOptions {

    @Mixin
    protected StoreOptions stores;

    @Mixin
    protected SyncTargetOptions target;

    @Mixin
    protected KafkaOptions kafka;

    @Mixin
    protected JobRunOptions run;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "2min", converter = DurationConverter.class, description = "How long a stop (Ctrl-C) of a job that runs until stopped waits for the savepoint (default: ${DEFAULT-VALUE}).")
    protected Duration stopTimeout;

    /** The job's name, the first part of its sync id: {@code cdc}, {@code dual-write}, {@code reconcile}. */
    protected abstract String jobName();

    /** Fails with a message naming the option when the options cannot make the job. */
    public final void validate() {
        stores.validate();
        target.validate();
        run.validate();
        kafka.validate();
        validateJob();
        if (stopTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidOptionException("--stop-timeout", "at least 1s, got " + DurationConverter.format(stopTimeout));
        }
    }

    /** The checks of the job's own options, after the shared ones passed. */
    protected abstract void validateJob();

    /** What the job reads, with {@code dimension} (the preflight's) as the collection's vector size. */
    public final Configuration jobConfiguration(int dimension) {
        Configuration conf = new Configuration();
        stores.putInto(conf);
        target.putInto(conf, dimension);
        putJobOptionsInto(conf);
        conf.set(SyncJobOptions.SYNC_ID, syncId());
        kafka.putInto(conf);
        run.putInto(conf, checkpointUri(), true);
        return conf;
    }

    /** Adds the job's own options to its configuration. */
    protected abstract void putJobOptionsInto(Configuration conf);

    /** Sends the job's dead letters to part files that the run merges into one file, when asked to. */
    protected final void putDeadLetterFilesInto(Configuration conf) {
        if (kafka.deadLetterFile()) {
            conf.set(SyncJobOptions.DEAD_LETTER_DIR, run.deadLetterParts().toString());
        }
    }

    /** The id of this sync: the same stores, tables and collection give the same id, and the same checkpoints. */
    public final String syncId() {
        return target.syncId(stores, jobName());
    }

    /** Where this sync's checkpoints go: {@code <checkpoint-dir>/<sync-id>}. */
    public final String checkpointUri() {
        return run.checkpointBaseUri() + "/" + syncId();
    }

    /** Where a stop puts its savepoint: beside the checkpoints, so {@code --resume} finds either. */
    public final String savepointUri() {
        return ResumePoints.savepointDirectory(checkpointUri());
    }

    /** How long a stop waits for its savepoint. */
    public final Duration stopTimeout() {
        return stopTimeout;
    }

    public final StoreOptions stores() {
        return stores;
    }

    public final SyncTargetOptions target() {
        return target;
    }

    public final KafkaOptions kafka() {
        return kafka;
    }

    public final JobRunOptions run() {
        return run;
    }
}
