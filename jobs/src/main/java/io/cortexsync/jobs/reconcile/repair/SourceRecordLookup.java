package io.cortexsync.jobs.reconcile.repair;

import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEntity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One SurrealDB record as the sync jobs would write it: read by id (one request), converted as
 * they convert it, with the content hash its point must carry. A record that cannot be synced (no
 * vector, wrong size) is there but has no entity, and says why.
 */
public final class SourceRecordLookup {

    private final SurrealAdmin admin;
    private final String vectorField;

    public SourceRecordLookup(SurrealClient client, String vectorField) {
        this.admin = new SurrealAdmin(client);
        this.vectorField = vectorField;
    }

    /** The record {@code id} now; {@code dimension} is the vector size a record must have, 0 for its own. */
    public Found lookup(RecordId id, int dimension) {
        List<Map<String, Object>> rows = admin.read(SurrealRecordId.fromRecordId(id), vectorField);
        if (rows.isEmpty()) {
            return new Found(false, null, null);
        }
        Map<String, Object> row = rows.get(0);
        int size = dimension > 0 ? dimension : vectorSize(row.get(vectorField));
        SyncEntityMapping.Result converted = MigrationMapping.of(vectorField, Math.max(size, 1))
                .convert(SurrealChange.read(SurrealRecordId.fromRecordId(id), row), Instant.now());
        return converted.ok() ? new Found(true, converted.entity(), null) : new Found(true, null, converted.problem());
    }

    /** The record's own vector size, so that only a vector of no size at all is refused. */
    private static int vectorSize(Object vector) {
        if (vector instanceof float[]) {
            return ((float[]) vector).length;
        }
        if (vector instanceof List) {
            return ((List<?>) vector).size();
        }
        return 1;
    }

    /**
     * A record as found: whether it exists, the entity it converts to (null when it cannot be
     * synced) and, then, why not.
     */
    public record Found(boolean exists, SyncEntity entity, String problem) {

        /** Whether the record exists and can be synced. */
        public boolean syncable() {
            return entity != null;
        }

        /** The content hash its point must carry; null unless syncable. */
        public String contentHash() {
            return entity == null ? null : ContentHash.of(entity);
        }
    }
}
