package io.cortexsync.jobs.common;

import io.cortexsync.connector.common.config.OptionKeys;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.configuration.ReadableConfig;

import java.util.List;

/**
 * The settings every sync job needs, read alike by each job's settings: one that is missing or out
 * of range fails with an {@link IllegalConfigurationException} naming its key.
 */
@Internal
public final class RequiredSettings {

    private RequiredSettings() {}

    /** The value of {@code option}, which has no default and must be set. */
    public static <T> T required(ReadableConfig config, ConfigOption<T> option) {
        return config.getOptional(option).orElseThrow(() -> missing(option));
    }

    /** The SurrealDB tables to sync: at least one. */
    public static List<String> tables(ReadableConfig config) {
        List<String> tables = config.getOptional(SurrealOptions.SOURCE_TABLES).orElse(List.of());
        if (tables.isEmpty()) {
            throw missing(SurrealOptions.SOURCE_TABLES);
        }
        return List.copyOf(tables);
    }

    /** The Qdrant collection's vector size: at least 1. */
    public static int dimension(ReadableConfig config) {
        int dimension = required(config, QdrantOptions.COLLECTION_VECTOR_SIZE);
        if (dimension < 1) {
            throw new IllegalConfigurationException(QdrantOptions.COLLECTION_VECTOR_SIZE.key() + ": " + dimension + " is no vector size");
        }
        return dimension;
    }

    /** Points per Qdrant write: at least 1. */
    public static int sinkBatchSize(ReadableConfig config) {
        int batchSize = config.get(QdrantOptions.SINK_BATCH_SIZE);
        if (batchSize < 1) {
            throw new IllegalConfigurationException(QdrantOptions.SINK_BATCH_SIZE.key() + ": " + batchSize + " is out of range (1..)");
        }
        return batchSize;
    }

    /** The Qdrant collection the job writes or reads. */
    public static String collection(ReadableConfig config) {
        return required(config, QdrantOptions.COLLECTION);
    }

    /** The error for an option that must be set and is not. */
    public static IllegalConfigurationException missing(ConfigOption<?> option) {
        return new IllegalConfigurationException(OptionKeys.missing(option));
    }
}
