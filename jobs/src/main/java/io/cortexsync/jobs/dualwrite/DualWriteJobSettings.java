package io.cortexsync.jobs.dualwrite;

import io.cortexsync.connector.common.config.OptionKeys;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.SyncJobOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
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
        String topic = config.getOptional(DualWriteJobOptions.INPUT_TOPIC).orElseThrow(() -> missing(DualWriteJobOptions.INPUT_TOPIC));
        List<String> tables = config.getOptional(SurrealOptions.SOURCE_TABLES).orElse(List.of());
        if (tables.isEmpty()) {
            throw missing(SurrealOptions.SOURCE_TABLES);
        }
        int dimension = config.getOptional(QdrantOptions.COLLECTION_VECTOR_SIZE)
                .orElseThrow(() -> missing(QdrantOptions.COLLECTION_VECTOR_SIZE));
        if (dimension < 1) {
            throw new IllegalConfigurationException(QdrantOptions.COLLECTION_VECTOR_SIZE.key() + ": " + dimension + " is no vector size");
        }
        if (config.getOptional(SurrealOptions.URL).isEmpty()) {
            throw missing(SurrealOptions.URL);
        }
        if (config.getOptional(QdrantOptions.HOST).isEmpty()) {
            throw missing(QdrantOptions.HOST);
        }
        return new DualWriteJobSettings(topic, List.copyOf(tables), config.get(SyncJobOptions.VECTOR_FIELD),
                config.getOptional(QdrantOptions.COLLECTION).orElseThrow(() -> missing(QdrantOptions.COLLECTION)),
                dimension, config.getOptional(SyncJobOptions.DEAD_LETTER_DIR).map(Path::of));
    }

    private static IllegalConfigurationException missing(ConfigOption<?> option) {
        return new IllegalConfigurationException(OptionKeys.missing(option));
    }
}
