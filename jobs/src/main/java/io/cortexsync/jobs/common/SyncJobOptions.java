package io.cortexsync.jobs.common;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options every cortex-sync job reads beside the connectors' own. */
public final class SyncJobOptions {

    /** The record field that holds the vector. */
    public static final ConfigOption<String> VECTOR_FIELD =
            ConfigOptions.key("sync.vector-field")
                    .stringType()
                    .defaultValue("vector")
                    .withDescription("The SurrealDB record field that holds the vector.");

    /** Where the job's subtasks write their dead-letter part files. */
    public static final ConfigOption<String> DEAD_LETTER_DIR =
            ConfigOptions.key("sync.dead-letter.dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Directory of the dead-letter part files, one per subtask and stage; "
                            + "the command line merges them into one JSON-lines file at the end.");

    /** What identifies one sync across its runs. */
    public static final ConfigOption<String> SYNC_ID =
            ConfigOptions.key("sync.id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The id of this sync (the command line derives it from the stores, tables and "
                            + "collection); the base of its Kafka transactional ids, so a restarted run of the same "
                            + "sync aborts the transactions its previous run left open. Defaults to the job and collection.");

    private SyncJobOptions() {}
}
