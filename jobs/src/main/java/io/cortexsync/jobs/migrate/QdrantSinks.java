package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.connector.qdrant.sink.QdrantSink;
import io.cortexsync.jobs.deadletter.DeadLetterFileHandler;
import io.cortexsync.schema.model.SyncEntity;

/** The Qdrant sink of a migration: idempotent upserts of SyncEntity points, refusals to the dead-letter files. */
public final class QdrantSinks {

    private QdrantSinks() {}

    public static QdrantSink<SyncEntity> forMigration(MigrationSettings settings) {
        return QdrantSink.<SyncEntity>builder()
                .setConnectionConfig(settings.qdrant())
                .setCollectionName(settings.collection())
                .setPointConverter(new SyncEntityPointConverter())
                // the batch size is the ceiling, not a start to grow from: the points a job holds in flight
                // (batch size x in-flight batches) are known before it runs and do not grow with a long run
                .setBatchSize(settings.batchSize())
                .setMaxBatchSize(settings.batchSize())
                .setMinBatchSize(Math.min(settings.batchSize(), 16))
                .setOutcomeListener(new DeadLetterFileHandler(settings.deadLetterDir()))
                .build();
    }
}
