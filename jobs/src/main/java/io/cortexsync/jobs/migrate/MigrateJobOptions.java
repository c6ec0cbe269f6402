package io.cortexsync.jobs.migrate;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The migration's own options, beside the connectors' ({@code surrealdb.*}, {@code qdrant.*}) and {@code sync.*}. */
public final class MigrateJobOptions {

    /** Read, convert and check every record, and write nothing. */
    public static final ConfigOption<Boolean> DRY_RUN =
            ConfigOptions.key("migrate.dry-run")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Read, convert and validate every record; write nothing to Qdrant.");

    private MigrateJobOptions() {}
}
