package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.qdrant.admin.BulkLoad;
import io.cortexsync.connector.qdrant.admin.CollectionMismatchException;
import io.cortexsync.connector.qdrant.admin.CollectionSpec;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;

/**
 * The collection around a migration: created (or checked) before the job, with HNSW indexing
 * off while the points are loaded (bulk-load mode, m=0), and indexing restored after it.
 */
public final class CollectionSetup {

    private CollectionSetup() {}

    /** Creates or checks the collection and starts a bulk load; the result goes to {@link #finish}. */
    public static BulkLoad prepare(MigrateOptions options, PreflightResult preflight) {
        try (QdrantConnection qdrant = QdrantConnection.open(options.qdrantConnection())) {
            QdrantCollectionAdmin admin = new QdrantCollectionAdmin(qdrant);
            admin.ensureCollection(CollectionSpec.builder()
                    .name(options.collection())
                    .vectorSize(preflight.dimension())
                    .distance(options.distance().qdrant())
                    .build());
            return admin.beginBulkLoad(options.collection());
        } catch (CollectionMismatchException e) {
            throw new PreflightException(e.getMessage() + " (--collection, --dim, --distance)", e);
        } catch (RuntimeException e) {
            throw new PreflightException("cannot prepare collection '" + options.collection() + "' (--collection): "
                    + e.getMessage(), e);
        }
    }

    /** Ends the bulk load: Qdrant builds the HNSW index with the collection's own settings again. */
    public static void finish(MigrateOptions options, BulkLoad bulkLoad) {
        try (QdrantConnection qdrant = QdrantConnection.open(options.qdrantConnection())) {
            new QdrantCollectionAdmin(qdrant).endBulkLoad(options.collection(), bulkLoad);
        }
    }
}
