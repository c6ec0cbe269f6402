package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.jobs.common.RequiredSettings;
import io.cortexsync.jobs.common.SyncJobOptions;

import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What a migration reads from its configuration, checked once: every problem names its key.
 *
 * @param dimension the collection's vector size ({@code qdrant.collection.vector-size}); records of
 *     another length are dead letters
 * @param batchSize the sink's ceiling of points per upsert ({@code qdrant.sink.batch-size})
 */
public record MigrationSettings(
        SurrealConnectionConfig surreal,
        QdrantConnectionConfig qdrant,
        List<String> tables,
        String vectorField,
        String collection,
        int dimension,
        int batchSize,
        boolean dryRun,
        Path deadLetterDir) {

    /** The settings of {@code config}; throws {@link IllegalConfigurationException} naming the key at fault. */
    public static MigrationSettings from(ReadableConfig config) {
        try {
            List<String> tables = RequiredSettings.tables(config);
            int dimension = RequiredSettings.dimension(config);
            int batchSize = RequiredSettings.sinkBatchSize(config);
            String deadLetterDir = RequiredSettings.required(config, SyncJobOptions.DEAD_LETTER_DIR);
            return new MigrationSettings(
                    SurrealOptions.connectionConfig(config),
                    QdrantOptions.connectionConfig(config),
                    tables,
                    config.get(SyncJobOptions.VECTOR_FIELD),
                    RequiredSettings.collection(config),
                    dimension,
                    batchSize,
                    config.get(MigrateJobOptions.DRY_RUN),
                    Path.of(deadLetterDir));
        } catch (IllegalConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the connectors' own checks name their keys too
            throw new IllegalConfigurationException(e.getMessage(), e);
        }
    }
}
