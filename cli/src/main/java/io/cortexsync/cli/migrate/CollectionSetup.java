package io.cortexsync.cli.migrate;

import io.cortexsync.connector.qdrant.admin.BulkLoad;
import io.cortexsync.connector.qdrant.admin.CollectionDescription;
import io.cortexsync.connector.qdrant.admin.CollectionMismatchException;
import io.cortexsync.connector.qdrant.admin.CollectionSpec;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;

import java.util.Optional;

/**
 * The collection around a migration: created (or checked) before the job, and bulk-loaded (HNSW
 * indexing off, m=0, restored after the job) only when that cannot degrade searches: the run
 * created the collection, or the user asked with {@code --bulk-load}. An existing collection may be
 * serving searches, and keeps its index as it is, unless an earlier run left it mid-way through a
 * bulk load.
 */
public final class CollectionSetup {

    /** What {@link #prepare} did: the bulk load to end, if one began, and the report's words for it. */
    public record Prepared(Optional<BulkLoad> bulkLoad, String decision) {}

    private CollectionSetup() {}

    /** Creates or checks the collection and begins a bulk load when allowed; the result goes to {@link #finish}. */
    public static Prepared prepare(MigrateOptions options, PreflightResult preflight) {
        try (QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            QdrantCollectionAdmin admin = new QdrantCollectionAdmin(qdrant);
            boolean created = admin.ensureCollection(CollectionSpec.builder()
                    .name(options.collection())
                    .vectorSize(preflight.dimension())
                    .distance(options.distance().qdrant())
                    .build());
            String decision;
            if (created) {
                decision = "on: this run created the collection";
            } else if (options.bulkLoad()) {
                decision = "on: asked with --bulk-load";
            } else if (admin.describe(options.collection()).map(CollectionDescription::indexingOff).orElse(false)) {
                // a run that ended without restoring the index (its client was killed) left m=0 and
                // the m to restore in the collection's metadata: this run finishes that bulk load
                decision = "on: an unfinished bulk load of an earlier run is finished";
            } else {
                return new Prepared(Optional.empty(),
                        "off: the collection existed and may serve searches (--bulk-load turns indexing off while loading)");
            }
            return new Prepared(Optional.of(admin.beginBulkLoad(options.collection())), decision);
        } catch (CollectionMismatchException e) {
            throw new PreflightException(e.getMessage() + " (--collection, --dim, --distance)", e);
        } catch (RuntimeException e) {
            throw new PreflightException("cannot prepare collection '" + options.collection() + "' (--collection): "
                    + e.getMessage(), e);
        }
    }

    /** Ends a bulk load, if one began: Qdrant builds the HNSW index with the collection's own settings again. */
    public static void finish(MigrateOptions options, Prepared prepared) {
        if (prepared.bulkLoad().isEmpty()) {
            return;
        }
        try (QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            new QdrantCollectionAdmin(qdrant).endBulkLoad(options.collection(), prepared.bulkLoad().get());
        }
    }
}
