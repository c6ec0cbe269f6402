package io.cortexsync.jobs.migrate;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.qdrant.client.grpc.Collections.VectorParams;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the migration's collection when it does not exist (the preflight has checked an existing one). */
public final class CollectionSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CollectionSetup() {}

    public static void ensure(MigrateOptions options, PreflightResult preflight) {
        if (preflight.collectionExists()) {
            return;
        }
        try (QdrantConnection qdrant = QdrantConnection.open(options.qdrantConnection())) {
            VectorParams params = VectorParams.newBuilder()
                    .setSize(preflight.dimension())
                    .setDistance(options.distance().qdrant())
                    .build();
            qdrant.client().createCollectionAsync(options.collection(), params, TIMEOUT)
                    .get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException("interrupted while creating collection '" + options.collection() + "'");
        } catch (ExecutionException | TimeoutException e) {
            throw new PreflightException("cannot create collection '" + options.collection() + "' (--collection): "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.toString()), e);
        }
    }
}
