package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.common.config.OptionKeys;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.jobs.common.SyncJobOptions;

import org.apache.flink.configuration.ConfigOption;
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
            List<String> tables = config.getOptional(SurrealOptions.SOURCE_TABLES).orElse(List.of());
            if (tables.isEmpty()) {
                throw missing(SurrealOptions.SOURCE_TABLES);
            }
            int dimension = config.getOptional(QdrantOptions.COLLECTION_VECTOR_SIZE).orElseThrow(
                    () -> missing(QdrantOptions.COLLECTION_VECTOR_SIZE));
            if (dimension < 1) {
                throw new IllegalConfigurationException(QdrantOptions.COLLECTION_VECTOR_SIZE.key() + ": " + dimension + " is no vector size");
            }
            int batchSize = config.get(QdrantOptions.SINK_BATCH_SIZE);
            if (batchSize < 1) {
                throw new IllegalConfigurationException(QdrantOptions.SINK_BATCH_SIZE.key() + ": " + batchSize + " is out of range (1..)");
            }
            String deadLetterDir = config.getOptional(SyncJobOptions.DEAD_LETTER_DIR).orElseThrow(
                    () -> missing(SyncJobOptions.DEAD_LETTER_DIR));
            return new MigrationSettings(
                    SurrealOptions.connectionConfig(config),
                    QdrantOptions.connectionConfig(config),
                    List.copyOf(tables),
                    config.get(SyncJobOptions.VECTOR_FIELD),
                    config.getOptional(QdrantOptions.COLLECTION).orElseThrow(() -> missing(QdrantOptions.COLLECTION)),
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

    private static IllegalConfigurationException missing(ConfigOption<?> option) {
        return new IllegalConfigurationException(OptionKeys.missing(option));
    }
}
