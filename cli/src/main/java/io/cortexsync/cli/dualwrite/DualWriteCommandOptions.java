package io.cortexsync.cli.dualwrite;

import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.DualWriteTuningOptions;
import io.cortexsync.cli.options.StreamingSyncOptions;
import io.cortexsync.connector.dualwrite.ConflictPolicy;
import io.cortexsync.connector.dualwrite.DualWriteOptions;
import io.cortexsync.jobs.dualwrite.DualWriteJobOptions;

import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every option of a dual-write job, shared by {@code dual-write} (local) and {@code submit
 * dual-write} (cluster) as a picocli mixin: those of every streaming job (the stores, what to
 * write, the Kafka outputs, how it runs), the input topic, the conflict policy and the sink's
 * tuning.
 */
public final class DualWriteCommandOptions extends StreamingSyncOptions {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    @Option(names = "--input-topic", paramLabel = "NAME", required = true, description = "Kafka topic of the EntityChange JSON records to write (created when missing, unless --no-create-topics).")
    String inputTopic;

    @Option(names = "--consumer-group", paramLabel = "NAME", description = "Kafka consumer group of the input; a new group reads the topic from its start (default: cortex-sync-<sync id>). The job keeps its offsets in its checkpoints; the group shows its progress.")
    String consumerGroup;

    @Option(names = "--conflict", paramLabel = "POLICY", defaultValue = "version", description = "Which change wins: version (a newer version; deletes leave tombstones), timestamp (a newer entity timestamp) or none (input order) (default: ${DEFAULT-VALUE}).")
    String conflict;

    @Mixin
    DualWriteTuningOptions tuning;

    @Override
    protected String jobName() {
        return "dual-write";
    }

    @Override
    protected void validateJob() {
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
    }

    public ConflictPolicy conflictPolicy() {
        try {
            return ConflictPolicy.valueOf(conflict.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--conflict", "'" + conflict + "' is not version, timestamp or none");
        }
    }

    @Override
    protected void putJobOptionsInto(Configuration conf) {
        conf.set(DualWriteJobOptions.INPUT_TOPIC, inputTopic);
        if (consumerGroup != null) {
            conf.set(DualWriteJobOptions.CONSUMER_GROUP, consumerGroup);
        }
        conf.set(DualWriteOptions.CONFLICT, conflictPolicy());
        conf.set(DualWriteOptions.VECTOR_FIELD, target.vectorField());
        conf.set(DualWriteOptions.SINK_ID, syncId());
        putDeadLetterFilesInto(conf);
        tuning.putInto(conf);
    }

    public String inputTopic() {
        return inputTopic;
    }

    @Override
    public String toString() {
        return "dual-write " + syncId() + ": Kafka " + inputTopic + " -> " + String.join(",", target.tables())
                + " at " + stores.describe(target.collection()) + ", conflicts by " + conflict;
    }
}
