package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.connector.qdrant.sink.QdrantSink;
import io.cortexsync.schema.model.SyncEntity;

/** The Qdrant sink of a migration: idempotent upserts of SyncEntity points, refusals to the dead-letter files. */
public final class QdrantSinks {

    private QdrantSinks() {}

    public static QdrantSink<SyncEntity> forMigration(MigrateOptions options) {
        return QdrantSink.<SyncEntity>builder()
                .setConnectionConfig(options.qdrantConnection())
                .setCollectionName(options.collection())
                .setPointConverter(new SyncEntityPointConverter())
                .setBatchSize(options.batchSize())
                .setMaxBatchSize(Math.max(options.batchSize(), 1024))
                .setMinBatchSize(Math.min(options.batchSize(), 16))
                .setDeadLetterHandler(new DeadLetterFileHandler(options.deadLetterParts()))
                .build();
    }
}
