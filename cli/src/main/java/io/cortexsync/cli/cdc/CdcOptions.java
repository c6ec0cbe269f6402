package io.cortexsync.cli.cdc;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.source.ExpiredPositionPolicy;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;

/**
 * Every option of a cdc job, shared by {@code cdc} (local) and {@code submit cdc} (cluster) as a
 * picocli mixin: those of every streaming job (the stores, what to sync, the Kafka topics of its
 * events and dead letters, how it runs), and where the change stream starts and how it is polled.
 * {@link #jobConfiguration(int)} is what the job reads.
 */
public final class CdcOptions extends StreamingSyncOptions {

    @Option(names = "--start", paramLabel = "POSITION", defaultValue = "snapshot", converter = StartPosition.Converter.class, description = "Where to start: snapshot (the tables as they are, then their changes, handed over exactly once), now (changes from now on) or versionstamp:N (changes from versionstamp N on) (default: ${DEFAULT-VALUE}). Ignored with --resume, which continues where the last run stopped.")
    StartPosition start;

    @Option(names = "--on-expired", paramLabel = "POLICY", defaultValue = "fail", description = "When the position is older than the change feed's retention: fail, or resnapshot (read the tables again, then follow the feed; the points of records deleted meanwhile are removed) (default: ${DEFAULT-VALUE}).")
    String onExpired;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "200ms", converter = DurationConverter.class, description = "How long the change reader waits before asking again once it has read everything (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Override
    protected String jobName() {
        return "cdc";
    }

    @Override
    protected void validateJob() {
        expiredPositionPolicy();
        if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidOptionException("--poll-interval", "between 1ms and 10min, got " + DurationConverter.format(pollInterval));
        }
    }

    @Override
    protected void putJobOptionsInto(Configuration conf) {
        conf.set(SurrealOptions.SOURCE_STARTING_MODE, start.mode());
        start.versionstamp().ifPresent(vs -> conf.set(SurrealOptions.SOURCE_STARTING_VERSIONSTAMP, vs));
        conf.set(SurrealOptions.SOURCE_EXPIRED_POSITION, expiredPositionPolicy());
        conf.set(SurrealOptions.SOURCE_POLL_INTERVAL, pollInterval);
        putDeadLetterFilesInto(conf);
    }

    public ExpiredPositionPolicy expiredPositionPolicy() {
        try {
            return ExpiredPositionPolicy.valueOf(onExpired.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--on-expired", "'" + onExpired + "' is not fail or resnapshot");
        }
    }

    public StartPosition start() {
        return start;
    }

    @Override
    public String toString() {
        return "cdc " + syncId() + ": " + String.join(",", target.tables()) + " at " + stores.describe(target.collection());
    }
}
