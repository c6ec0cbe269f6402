package io.cortexsync.connector.qdrant.admin;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * What {@link QdrantCollectionAdmin#beginBulkLoad} changed and {@link QdrantCollectionAdmin#endBulkLoad}
 * puts back: the HNSW {@code m} the collection had before the load.
 */
@PublicEvolving
public final class BulkLoad implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String collection;
    private final long previousHnswM;

    BulkLoad(String collection, long previousHnswM) {
        this.collection = collection;
        this.previousHnswM = previousHnswM;
    }

    public String collection() {
        return collection;
    }

    /** The HNSW {@code m} to restore once the load is over. */
    public long previousHnswM() {
        return previousHnswM;
    }

    @Override
    public String toString() {
        return "bulk load of '" + collection + "' (HNSW m " + previousHnswM + " to restore)";
    }
}
