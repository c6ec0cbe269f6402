package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.DurationConverter;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.JobRunOptions;
import io.cortexsync.cli.options.DualWriteTuningOptions;
import io.cortexsync.cli.options.KafkaOptions;
import io.cortexsync.cli.options.StoreOptions;
import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.cli.options.SyncTargetOptions;
import io.cortexsync.connector.dualwrite.ConflictPolicy;
import io.cortexsync.connector.dualwrite.DualWriteOptions;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.dualwrite.DualWriteJobOptions;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every option of a dual-write job, shared by {@code dual-write} (local) and {@code submit
 * dual-write} (cluster) as a picocli mixin: the stores, what to write (the mixins every job
 * shares), the input topic, the conflict policy, and the Kafka outputs.
 */
public final class DualWriteCommandOptions implements StreamingSyncOptions {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    @Mixin
    StoreOptions stores;

    @Mixin
    SyncTargetOptions target;

    @Option(names = "--input-topic", paramLabel = "NAME", required = true, description = "Kafka topic of the EntityChange JSON records to write (created when missing, unless --no-create-topics).")
    String inputTopic;

    @Option(names = "--consumer-group", paramLabel = "NAME", description = "Kafka consumer group of the input; a new group reads the topic from its start (default: cortex-sync-<sync id>). The job keeps its offsets in its checkpoints; the group shows its progress.")
    String consumerGroup;

    @Option(names = "--conflict", paramLabel = "POLICY", defaultValue = "version", description = "Which change wins: version (a newer version; deletes leave tombstones), timestamp (a newer entity timestamp) or none (input order) (default: ${DEFAULT-VALUE}).")
    String conflict;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "2min", converter = DurationConverter.class, description = "How long a stop (Ctrl-C) waits for the savepoint (default: ${DEFAULT-VALUE}).")
    Duration stopTimeout;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    DualWriteTuningOptions tuning;

    @Mixin
    JobRunOptions run;

    /** Fails with a message naming the option when the options cannot make a dual-write job. */
    public void validate() {
        stores.validate();
        target.validate();
        run.validate();
        kafka.validate();
        tuning.validate();
        if (!TOPIC_NAME.matcher(inputTopic).matches()) {
            throw new InvalidOptionException("--input-topic", "'" + inputTopic + "' is not a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
        }
        if (kafka.bootstrap() == null || kafka.bootstrap().isBlank()) {
            throw new InvalidOptionException("--kafka-bootstrap", "required: the input comes from Kafka");
        }
        if (consumerGroup != null && consumerGroup.isBlank()) {
            throw new InvalidOptionException("--consumer-group", "must not be blank");
        }
        conflictPolicy();
        if (stopTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidOptionException("--stop-timeout", "at least 1s, got " + DurationConverter.format(stopTimeout));
        }
    }

    public ConflictPolicy conflictPolicy() {
        try {
            return ConflictPolicy.valueOf(conflict.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--conflict", "'" + conflict + "' is not version, timestamp or none");
        }
    }

    /** What the job reads, with {@code dimension} (the preflight's) as the collection's vector size. */
    public Configuration jobConfiguration(int dimension) {
        Configuration conf = new Configuration();
        stores.putInto(conf);
        target.putInto(conf, dimension);
        conf.set(DualWriteJobOptions.INPUT_TOPIC, inputTopic);
        if (consumerGroup != null) {
            conf.set(DualWriteJobOptions.CONSUMER_GROUP, consumerGroup);
        }
        conf.set(DualWriteOptions.CONFLICT, conflictPolicy());
        conf.set(DualWriteOptions.VECTOR_FIELD, target.vectorField());
        conf.set(DualWriteOptions.SINK_ID, syncId());
        if (kafka.deadLetterFile()) {
            conf.set(SyncJobOptions.DEAD_LETTER_DIR, run.deadLetterParts().toString());
        }
        conf.set(SyncJobOptions.SYNC_ID, syncId());
        kafka.putInto(conf);
        tuning.putInto(conf);
        run.putInto(conf, checkpointUri(), true);
        return conf;
    }

    /** The id of this sync: the same stores, tables and collection give the same id, and the same checkpoints. */
    @Override
    public String syncId() {
        return target.syncId(stores, "dual-write");
    }

    public String inputTopic() {
        return inputTopic;
    }

    @Override
    public Duration stopTimeout() {
        return stopTimeout;
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

    @Override
    public String toString() {
        return "dual-write " + syncId() + ": Kafka " + inputTopic + " -> " + String.join(",", target.tables())
                + " at " + stores.describe(target.collection()) + ", conflicts by " + conflict;
    }
}
