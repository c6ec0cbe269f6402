package io.cortexsync.connector.qdrant.admin;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Optional;

/**
 * A collection made ready for a load by {@link QdrantCollectionAdmin#prepareLoad}: whether the call
 * created it, the bulk load that began (to end with {@link QdrantCollectionAdmin#finishLoad}), and
 * why indexing is off or on, in words for a report.
 */
@PublicEvolving
public record PreparedLoad(String collection, boolean created, Optional<BulkLoad> bulkLoad, String decision) {

    /** Whether HNSW indexing is off until {@link QdrantCollectionAdmin#finishLoad}. */
    public boolean bulkLoading() {
        return bulkLoad.isPresent();
    }
}
