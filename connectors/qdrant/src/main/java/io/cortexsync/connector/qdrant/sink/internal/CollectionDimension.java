package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.admin.CollectionDescription;
import io.cortexsync.connector.qdrant.admin.QdrantAdminException;
import io.cortexsync.connector.qdrant.admin.QdrantCollectionAdmin;
import io.cortexsync.connector.qdrant.client.QdrantConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.apache.flink.annotation.Internal;

import java.util.Optional;

/** Asks Qdrant once for the dimension of a collection's unnamed vector, for the sink's pre-checks. */
@Internal
public final class CollectionDimension {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionDimension.class);

    private CollectionDimension() {}

    /**
     * The dimension, or 0 when the collection is missing, has named vectors or cannot be read now
     * (the sink then leaves the dimension check to Qdrant).
     */
    public static int of(QdrantConnection connection, String endpoint, String collection) {
        try {
            Optional<CollectionDescription> description = new QdrantCollectionAdmin(connection).describe(collection);
            return description.map(d -> d.vectorSize().orElse(0)).orElse(0);
        } catch (QdrantAdminException e) {
            if (e.kind() == QdrantAdminException.Kind.INTERRUPTED) {
                Thread.currentThread().interrupt();
                return 0;
            }
            LOG.warn("Could not read the vector size of collection '{}' at {}; Qdrant will check dimensions: {}",
                    collection, endpoint, e.getMessage());
            return 0;
        }
    }
}
