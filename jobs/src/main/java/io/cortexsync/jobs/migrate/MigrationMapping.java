package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;

/** The one record-to-entity mapping of a migration, used by the job and by the verifier alike. */
public final class MigrationMapping {

    /** The workspace of migrated entities: a migration copies one store into another. */
    public static final String WORKSPACE = "default";

    private MigrationMapping() {}

    public static SyncEntityMapping of(String vectorField, int dimension) {
        return SyncEntityMapping.builder().vectorField(vectorField).workspaceId(WORKSPACE).dimension(dimension).build();
    }
}
