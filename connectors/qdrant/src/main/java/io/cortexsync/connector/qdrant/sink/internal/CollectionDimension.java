package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.client.QdrantConnection;

import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.flink.annotation.Internal;

import java.util.concurrent.ExecutionException;

/** Asks Qdrant once for the dimension of a collection's unnamed vector, for the sink's pre-checks. */
@Internal
public final class CollectionDimension {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionDimension.class);

    private CollectionDimension() {}

    /**
     * The dimension, or 0 when the collection has named vectors or cannot be read now (the sink
     * then leaves the dimension check to Qdrant).
     */
    public static int of(QdrantConnection connection, String endpoint, String collection) {
        try {
            CollectionInfo info = connection.client().getCollectionInfoAsync(collection).get();
            VectorsConfig vectors = info.getConfig().getParams().getVectorsConfig();
            return vectors.hasParams() ? (int) vectors.getParams().getSize() : 0;
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("Could not read the vector size of collection '{}' at {}; Qdrant will check dimensions: {}",
                    collection, endpoint, e.getCause() == null ? e.toString() : e.getCause().toString());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
