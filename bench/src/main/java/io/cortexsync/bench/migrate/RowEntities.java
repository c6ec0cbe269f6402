package io.cortexsync.bench.migrate;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.convert.SyncEntityMapping;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.migrate.MigrationMapping;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.api.common.functions.MapFunction;

import java.time.Instant;

/**
 * Row {@code i} of a {@link BenchRows} as the migration's entity, made by the migration's own
 * mapping: the sink-only job writes what the migration would write of the same table.
 */
final class RowEntities implements MapFunction<Long, SyncEntity> {

    private static final long serialVersionUID = 1L;

    private final BenchRows rows;
    private final String table;
    private transient SyncEntityMapping mapping;

    RowEntities(BenchRows rows, String table) {
        this.rows = rows;
        this.table = table;
    }

    @Override
    public SyncEntity map(Long i) {
        if (mapping == null) {
            mapping = MigrationMapping.of("vector", rows.dim());
        }
        SyncEntityMapping.Result result =
                mapping.convert(SurrealChange.read(SurrealRecordId.of(table, rows.key(i)), rows.row(i)), Instant.now());
        if (!result.ok()) {
            throw new IllegalStateException("bench row " + i + " does not convert: " + result.problem());
        }
        return result.entity();
    }
}
