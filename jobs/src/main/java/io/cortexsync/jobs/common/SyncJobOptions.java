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

    private SyncJobOptions() {}
}
