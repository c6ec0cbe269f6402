package io.cortexsync.testkit.qdrant;

import io.qdrant.client.QdrantClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the ITCases that drive one shared {@link QdrantEndpoint} through the official Java client
 * for the whole class, so each of them checks the stand-in (or a real Qdrant) the same way.
 */
@Timeout(60)
abstract class QdrantClientITCase {

    static QdrantEndpoint server;
    static QdrantClient client;

    @BeforeAll
    static void connectClient() {
        server = QdrantEndpoint.externalOrEmbedded();
        client = QdrantTestClients.connect(server);
    }

    @AfterAll
    static void closeClient() {
        client.close();
        server.close();
    }
}
