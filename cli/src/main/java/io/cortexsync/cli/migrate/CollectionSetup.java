package io.cortexsync.cli.migrate;

import io.cortexsync.cli.preflight.PreflightException;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.admin.CollectionMismatchException;
import io.cortexsync.connector.qdrant.admin.PreparedLoad;
import io.cortexsync.connector.common.retry.Backoff;
import io.cortexsync.connector.common.retry.RetryingCall;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantFailures;

import org.apache.flink.configuration.Configuration;

import java.time.Duration;

/**
 * The collection around a migration, through the connector's {@link QdrantCollectionAdmin#prepareLoad}:
 * created (or checked) before the job, and bulk-loaded only where that cannot degrade searches
 * (a collection this run created, one an earlier run left mid-way, or {@code --bulk-load}).
 */
public final class CollectionSetup {

    private static final RetryingCall FINISH =
            new RetryingCall(8, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8)), QdrantFailures.TRANSIENT);

    private CollectionSetup() {}

    /**
     * Creates or checks the collection the job's configuration names and begins a bulk load when
     * allowed; the result goes to {@link #finish}.
     */
    public static PreparedLoad prepare(MigrateOptions options, Configuration conf) {
        try (QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            return new QdrantCollectionAdmin(qdrant)
                    .prepareLoad(QdrantOptions.collectionSpec(conf), conf.get(QdrantOptions.COLLECTION_BULK_LOAD));
        } catch (CollectionMismatchException e) {
            throw new PreflightException(e.getMessage() + " (--collection, --dim, --distance)", e);
        } catch (RuntimeException e) {
            throw new PreflightException("cannot prepare collection '" + options.collection() + "' (--collection): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Ends the bulk load, if one began: Qdrant builds the HNSW index with the collection's own
     * settings again. The update is idempotent, so a Qdrant that is briefly unavailable (the very
     * outage that may have ended the job) is tried again, for about half a minute, before this fails.
     */
    public static void finish(MigrateOptions options, PreparedLoad load) throws InterruptedException {
        try (QdrantConnection qdrant = QdrantConnection.open(options.stores().qdrantConnection())) {
            QdrantCollectionAdmin admin = new QdrantCollectionAdmin(qdrant);
            FINISH.run(() -> admin.finishLoad(load));
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
