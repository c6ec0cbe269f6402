package io.cortexsync.jobs.dualwrite;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.RequiredSettings;
import io.cortexsync.jobs.common.SyncJobOptions;

import org.apache.flink.configuration.ReadableConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a dual-write job reads from its configuration, checked once: every problem names its key.
 * The sink's own keys ({@code dual-write.*}) are read by its builder.
 *
 * @param tables the tables whose changes the job accepts ({@code surrealdb.source.tables})
 * @param dimension the collection's vector size; a change with another is a dead letter
 */
public record DualWriteJobSettings(
        String inputTopic,
        List<String> tables,
        String vectorField,
        String collection,
        int dimension,
        Optional<Path> deadLetterDir) {

    public static DualWriteJobSettings from(ReadableConfig config) {
        String topic = RequiredSettings.required(config, DualWriteJobOptions.INPUT_TOPIC);
        List<String> tables = RequiredSettings.tables(config);
        int dimension = RequiredSettings.dimension(config);
        if (config.getOptional(SurrealOptions.URL).isEmpty()) {
            throw RequiredSettings.missing(SurrealOptions.URL);
        }
        if (config.getOptional(QdrantOptions.HOST).isEmpty()) {
            throw RequiredSettings.missing(QdrantOptions.HOST);
        }
        return new DualWriteJobSettings(topic, tables, config.get(SyncJobOptions.VECTOR_FIELD),
                RequiredSettings.collection(config),
                dimension, config.getOptional(SyncJobOptions.DEAD_LETTER_DIR).map(Path::of));
    }
}
