package io.cortexsync.cli.cdc;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.JobRunOptions;
import io.cortexsync.cli.options.KafkaOptions;
import io.cortexsync.cli.options.StoreOptions;
import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.cli.options.SyncTargetOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.source.ExpiredPositionPolicy;
import io.cortexsync.jobs.common.SyncJobOptions;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;

/**
 * Every option of a cdc job, shared by {@code cdc} (local) and {@code submit cdc} (cluster) as a
 * picocli mixin: the stores, what to sync and how a job runs (the mixins every job shares), the
 * Kafka topics of its events and dead letters, and where the change stream starts. {@link #jobConfiguration(int)} is what the job reads.
 */
public final class CdcOptions implements StreamingSyncOptions {

    @Mixin
    StoreOptions stores;

    @Mixin
    SyncTargetOptions target;

    @Option(names = "--start", paramLabel = "POSITION", defaultValue = "snapshot", converter = StartPosition.Converter.class, description = "Where to start: snapshot (the tables as they are, then their changes, handed over exactly once), now (changes from now on) or versionstamp:N (changes from versionstamp N on) (default: ${DEFAULT-VALUE}). Ignored with --resume, which continues where the last run stopped.")
    StartPosition start;

    @Option(names = "--on-expired", paramLabel = "POLICY", defaultValue = "fail", description = "When the position is older than the change feed's retention: fail, or resnapshot (read the tables again, then follow the feed; the points of records deleted meanwhile are removed) (default: ${DEFAULT-VALUE}).")
    String onExpired;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "200ms", converter = DurationConverter.class, description = "How long the change reader waits before asking again once it has read everything (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "2min", converter = DurationConverter.class, description = "How long a stop (Ctrl-C) waits for the savepoint (default: ${DEFAULT-VALUE}).")
    Duration stopTimeout;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    JobRunOptions run;

    /** Fails with a message naming the option when the options cannot make a cdc job. */
    public void validate() {
        stores.validate();
        target.validate();
        run.validate();
        kafka.validate();
        expiredPositionPolicy();
        if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidOptionException("--poll-interval", "between 1ms and 10min, got " + DurationConverter.format(pollInterval));
        }
        if (stopTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidOptionException("--stop-timeout", "at least 1s, got " + DurationConverter.format(stopTimeout));
        }
    }

    /** What the cdc job reads, with {@code dimension} (the preflight's) as the collection's vector size. */
    public Configuration jobConfiguration(int dimension) {
        Configuration conf = new Configuration();
        stores.putInto(conf);
        target.putInto(conf, dimension);
        conf.set(SurrealOptions.SOURCE_STARTING_MODE, start.mode());
        start.versionstamp().ifPresent(vs -> conf.set(SurrealOptions.SOURCE_STARTING_VERSIONSTAMP, vs));
        conf.set(SurrealOptions.SOURCE_EXPIRED_POSITION, expiredPositionPolicy());
        conf.set(SurrealOptions.SOURCE_POLL_INTERVAL, pollInterval);
        if (kafka.deadLetterFile()) {
            conf.set(SyncJobOptions.DEAD_LETTER_DIR, run.deadLetterParts().toString());
        }
        conf.set(SyncJobOptions.SYNC_ID, syncId());
        kafka.putInto(conf);
        run.putInto(conf, checkpointUri(), true);
        return conf;
    }

    /** The id of this sync: the same stores, tables and collection give the same id, and the same checkpoints. */
    @Override
    public String syncId() {
        return target.syncId(stores, "cdc");
    }

    public ExpiredPositionPolicy expiredPositionPolicy() {
        try {
            return ExpiredPositionPolicy.valueOf(onExpired.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--on-expired", "'" + onExpired + "' is not fail or resnapshot");
        }
    }

    @Override
    public StoreOptions stores() {
        return stores;
    }

    @Override
    public SyncTargetOptions target() {
        return target;
    }

    @Override
    public KafkaOptions kafka() {
        return kafka;
    }

    @Override
    public JobRunOptions run() {
        return run;
    }

    public StartPosition start() {
        return start;
    }

    @Override
    public Duration stopTimeout() {
        return stopTimeout;
    }

    @Override
    public String toString() {
        return "cdc " + syncId() + ": " + String.join(",", target.tables()) + " at " + stores.describe(target.collection());
    }
}
