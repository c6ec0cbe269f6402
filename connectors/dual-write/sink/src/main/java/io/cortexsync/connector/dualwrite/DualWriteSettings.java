package io.cortexsync.connector.dualwrite;

import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;
import java.time.Duration;

/**
 * What the writer, the committer and the Qdrant stage share: the stores, the collection, the
 * conflict policy, where markers and tombstones live, and the retry bounds. Built and checked by
 * {@link DualWriteSinkBuilder}.
 */
@Internal
public record DualWriteSettings(
        SurrealConnectionConfig surreal,
        QdrantConnectionConfig qdrant,
        String collection,
        ConflictPolicy conflict,
        String sinkId,
        String commitTable,
        String tombstoneTable,
        Duration markerRetention,
        int maxChangesPerCommit,
        Duration commitTimeout,
        Duration qdrantRetryInPlace,
        Duration qdrantMaxBackoff,
        String vectorField,
        String versionField,
        String timestampField) implements Serializable {

    private static final long serialVersionUID = 1L;
}
