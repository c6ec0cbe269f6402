package io.cortexsync.connector.dualwrite;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/** The dual-write sink's options, as the job reads them from its configuration. */
@PublicEvolving
public final class DualWriteOptions {

    public static final ConfigOption<ConflictPolicy> CONFLICT =
            ConfigOptions.key("dual-write.conflict")
                    .enumType(ConflictPolicy.class)
                    .defaultValue(ConflictPolicy.VERSION)
                    .withDescription("Which change wins: VERSION (newer version), TIMESTAMP (newer entity timestamp) or NONE (input order).");

    public static final ConfigOption<String> SINK_ID =
            ConfigOptions.key("dual-write.sink-id")
                    .stringType()
                    .defaultValue("dual-write")
                    .withDescription("Names this sink's commit markers; two jobs writing the same database need different ids.");

    public static final ConfigOption<String> COMMIT_TABLE =
            ConfigOptions.key("dual-write.commit-table")
                    .stringType()
                    .defaultValue("cortex_dualwrite_commit")
                    .withDescription("SurrealDB table of the commit markers (one per committed batch).");

    public static final ConfigOption<String> TOMBSTONE_TABLE =
            ConfigOptions.key("dual-write.tombstone-table")
                    .stringType()
                    .defaultValue("cortex_tombstone")
                    .withDescription("SurrealDB table of the tombstones that keep deleted records deleted against older changes.");

    public static final ConfigOption<Duration> MARKER_RETENTION =
            ConfigOptions.key("dual-write.marker-retention")
                    .durationType()
                    .defaultValue(Duration.ofDays(7))
                    .withDescription("How long finished commit markers and tombstones are kept; longer than any checkpoint a job may restore.");

    public static final ConfigOption<Integer> MAX_CHANGES_PER_COMMIT =
            ConfigOptions.key("dual-write.max-changes-per-commit")
                    .intType()
                    .defaultValue(500)
                    .withDescription("Changes per committable: each is one SurrealDB transaction and one round of Qdrant writes.");

    public static final ConfigOption<Duration> COMMIT_TIMEOUT =
            ConfigOptions.key("dual-write.commit-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("How long the committer retries SurrealDB's transient failures (blocking the task)"
                            + " before it hands the commit to the Qdrant stage, which retries SurrealDB on a timer with RETRYING events.");

    public static final ConfigOption<Duration> QDRANT_RETRY_IN_PLACE =
            ConfigOptions.key("dual-write.qdrant.retry-in-place")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription("How long Qdrant's transient failures are retried at once before the batch waits its turn with backoff (RETRYING events).");

    public static final ConfigOption<Duration> QDRANT_MAX_BACKOFF =
            ConfigOptions.key("dual-write.qdrant.max-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("The longest wait between two attempts at a batch Qdrant refused for now.");

    public static final ConfigOption<String> VECTOR_FIELD =
            ConfigOptions.key("dual-write.vector-field")
                    .stringType()
                    .defaultValue("vector")
                    .withDescription("The SurrealDB record field that holds the vector.");

    public static final ConfigOption<String> VERSION_FIELD =
            ConfigOptions.key("dual-write.version-field")
                    .stringType()
                    .defaultValue("version")
                    .withDescription("The SurrealDB record field that holds the entity's version.");

    public static final ConfigOption<String> TIMESTAMP_FIELD =
            ConfigOptions.key("dual-write.timestamp-field")
                    .stringType()
                    .defaultValue("updated_at")
                    .withDescription("The SurrealDB record field that holds the entity's timestamp (written with the TIMESTAMP policy).");

    private DualWriteOptions() {}
}
