package io.cortexsync.jobs.cdc;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.jobs.common.RequiredSettings;
import io.cortexsync.jobs.common.SyncJobOptions;

import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a cdc job reads from its configuration, checked once: every problem names its key. The
 * source's own keys ({@code surrealdb.source.*}: starting mode and versionstamp, poll interval,
 * page size, expired-position policy) are read by the source builder itself.
 *
 * @param dimension the collection's vector size ({@code qdrant.collection.vector-size})
 * @param deadLetterDir where dead letters are written as files, if anywhere
 */
public record CdcSettings(
        QdrantConnectionConfig qdrant,
        List<String> tables,
        StartingMode startingMode,
        String vectorField,
        String collection,
        int dimension,
        int batchSize,
        Optional<Path> deadLetterDir) {

    /** The settings of {@code config}; throws {@link IllegalConfigurationException} naming the key at fault. */
    public static CdcSettings from(ReadableConfig config) {
        try {
            List<String> tables = RequiredSettings.tables(config);
            StartingMode mode = config.get(SurrealOptions.SOURCE_STARTING_MODE);
            if (mode == StartingMode.SNAPSHOT_ONLY) {
                throw new IllegalConfigurationException(SurrealOptions.SOURCE_STARTING_MODE.key() + ": " + mode
                        + " ends after the snapshot; a cdc job follows the change feed (SNAPSHOT_THEN_CHANGES,"
                        + " CHANGES_FROM_NOW or CHANGES_FROM_VERSIONSTAMP)");
            }
            if (mode == StartingMode.CHANGES_FROM_VERSIONSTAMP
                    && config.getOptional(SurrealOptions.SOURCE_STARTING_VERSIONSTAMP).isEmpty()) {
                throw RequiredSettings.missing(SurrealOptions.SOURCE_STARTING_VERSIONSTAMP);
            }
            int dimension = RequiredSettings.dimension(config);
            int batchSize = RequiredSettings.sinkBatchSize(config);
            SurrealOptions.connectionConfig(config);
            return new CdcSettings(
                    QdrantOptions.connectionConfig(config),
                    tables,
                    mode,
                    config.get(SyncJobOptions.VECTOR_FIELD),
                    RequiredSettings.collection(config),
                    dimension,
                    batchSize,
                    config.getOptional(SyncJobOptions.DEAD_LETTER_DIR).map(Path::of));
        } catch (IllegalConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the connectors' own checks name their keys too
            throw new IllegalConfigurationException(e.getMessage(), e);
        }
    }
}
