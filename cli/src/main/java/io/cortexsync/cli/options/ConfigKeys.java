package io.cortexsync.cli.options;

import io.cortexsync.connector.dualwrite.DualWriteOptions;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.SyncJobOptions;
import io.cortexsync.jobs.dualwrite.DualWriteJobOptions;
import io.cortexsync.jobs.events.EventOptions;
import io.cortexsync.jobs.migrate.MigrateJobOptions;
import io.cortexsync.jobs.reconcile.ReconcileJobOptions;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration key behind each command-line option that has one, the same in every command:
 * a {@code --config} file may use either name, and the job receives the value under the key.
 * Options that only steer the command line ({@code --verify}, {@code --report}, ...) have none.
 */
public final class ConfigKeys {

    private static final Map<String, String> KEY_OF_OPTION = new LinkedHashMap<>();

    /** Options whose entries are keys under a prefix: a file's keys under it belong to the option. */
    private static final Map<String, String> PREFIX_OF_OPTION = Map.of(
            KafkaOptions.PROPERTY_OPTION, EventOptions.KAFKA_PREFIX,
            DualWriteTuningOptions.PROPERTY_OPTION, DualWriteTuningOptions.PREFIX);

    static {
        KEY_OF_OPTION.put("surreal-url", SurrealOptions.URL.key());
        KEY_OF_OPTION.put("surreal-ns", SurrealOptions.NAMESPACE.key());
        KEY_OF_OPTION.put("surreal-db", SurrealOptions.DATABASE.key());
        KEY_OF_OPTION.put("surreal-user", SurrealOptions.USERNAME.key());
        KEY_OF_OPTION.put("surreal-pass", SurrealOptions.PASSWORD.key());
        KEY_OF_OPTION.put("qdrant-host", QdrantOptions.HOST.key());
        KEY_OF_OPTION.put("qdrant-port", QdrantOptions.PORT.key());
        KEY_OF_OPTION.put("qdrant-api-key", QdrantOptions.API_KEY.key());
        KEY_OF_OPTION.put("qdrant-tls", QdrantOptions.TLS.key());
        KEY_OF_OPTION.put("table", SurrealOptions.SOURCE_TABLES.key());
        KEY_OF_OPTION.put("collection", QdrantOptions.COLLECTION.key());
        KEY_OF_OPTION.put("vector-field", SyncJobOptions.VECTOR_FIELD.key());
        KEY_OF_OPTION.put("dim", QdrantOptions.COLLECTION_VECTOR_SIZE.key());
        KEY_OF_OPTION.put("distance", QdrantOptions.COLLECTION_DISTANCE.key());
        KEY_OF_OPTION.put("batch-size", QdrantOptions.SINK_BATCH_SIZE.key());
        KEY_OF_OPTION.put("bulk-load", QdrantOptions.COLLECTION_BULK_LOAD.key());
        KEY_OF_OPTION.put("dry-run", MigrateJobOptions.DRY_RUN.key());
        KEY_OF_OPTION.put("on-expired", SurrealOptions.SOURCE_EXPIRED_POSITION.key());
        KEY_OF_OPTION.put("poll-interval", SurrealOptions.SOURCE_POLL_INTERVAL.key());
        KEY_OF_OPTION.put("parallelism", CoreOptions.DEFAULT_PARALLELISM.key());
        KEY_OF_OPTION.put("checkpoint-interval", CheckpointingOptions.CHECKPOINTING_INTERVAL.key());
        KEY_OF_OPTION.put("kafka-bootstrap", EventOptions.BOOTSTRAP_SERVERS_KEY);
        KEY_OF_OPTION.put("events-topic", EventOptions.EVENTS_TOPIC.key());
        KEY_OF_OPTION.put("dead-letter-topic", EventOptions.DEAD_LETTER_TOPIC.key());
        KEY_OF_OPTION.put("repairs-topic", EventOptions.REPAIRS_TOPIC.key());
        KEY_OF_OPTION.put("repair", ReconcileJobOptions.REPAIR.key());
        KEY_OF_OPTION.put("partitions", ReconcileJobOptions.PARTITIONS.key());
        KEY_OF_OPTION.put("leaves", ReconcileJobOptions.LEAVES.key());
        KEY_OF_OPTION.put("continuous", ReconcileJobOptions.CONTINUOUS.key());
        KEY_OF_OPTION.put("cycle", ReconcileJobOptions.CYCLE.key());
        KEY_OF_OPTION.put("grace", ReconcileJobOptions.GRACE.key());
        KEY_OF_OPTION.put("deep", ReconcileJobOptions.DEEP.key());
        KEY_OF_OPTION.put("tolerance", ReconcileJobOptions.TOLERANCE.key());
        KEY_OF_OPTION.put("bloom-false-positive-rate", ReconcileJobOptions.BLOOM_FALSE_POSITIVE_RATE.key());
        KEY_OF_OPTION.put("sample-rate", ReconcileJobOptions.SAMPLE_RATE.key());
        KEY_OF_OPTION.put("sample-seed", ReconcileJobOptions.SAMPLE_SEED.key());
        KEY_OF_OPTION.put("topic-partitions", EventOptions.TOPIC_PARTITIONS.key());
        KEY_OF_OPTION.put("topic-replication", EventOptions.TOPIC_REPLICATION.key());
        KEY_OF_OPTION.put("create-topics", EventOptions.CREATE_TOPICS.key());
        KEY_OF_OPTION.put("input-topic", DualWriteJobOptions.INPUT_TOPIC.key());
        KEY_OF_OPTION.put("conflict", DualWriteOptions.CONFLICT.key());
        KEY_OF_OPTION.put("consumer-group", DualWriteJobOptions.CONSUMER_GROUP.key());
    }

    private ConfigKeys() {}

    /** The configuration key of the option with this long name (without dashes), if it has one. */
    public static Optional<String> keyOf(String optionName) {
        return Optional.ofNullable(KEY_OF_OPTION.get(optionName));
    }

    /**
     * The prefix of the keys that belong to the option with this long name, if its entries are
     * keys ({@code kafka-property}: any {@code kafka.*} key of a file).
     */
    public static Optional<String> prefixOf(String optionName) {
        return Optional.ofNullable(PREFIX_OF_OPTION.get(optionName));
    }

    /** Every option name with its key, in a stable order. */
    public static Map<String, String> all() {
        return Collections.unmodifiableMap(KEY_OF_OPTION);
    }
}
