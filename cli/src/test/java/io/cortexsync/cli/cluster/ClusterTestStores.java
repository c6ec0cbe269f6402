package io.cortexsync.cli.cluster;

import io.cortexsync.cli.chaos.FaultedStores;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stores a cluster migration reads and writes, in the test JVM on loopback: the real SurrealDB
 * engine and the Qdrant test server (which counts every point written, rewrites included).
 */
final class ClusterTestStores implements AutoCloseable {

    static final String NAMESPACE = "cluster";
    static final String DATABASE = "main";

    final SurrealEndpoint surreal;
    final QdrantTestServer qdrant;

    private ClusterTestStores(SurrealEndpoint surreal, QdrantTestServer qdrant) {
        this.surreal = surreal;
        this.qdrant = qdrant;
    }

    static ClusterTestStores start(Path logDir) {
        SurrealEndpoint surreal = SurrealEndpoint.externalOrEmbedded(
                EmbeddedSurrealDb.builder().logFile(logDir.resolve("surrealdb.log")));
        return new ClusterTestStores(surreal, QdrantTestServer.builder().build().start());
    }

    /** Writes {@code count} records {@code e-000000}… of {@code dim}-dimensional vectors with a little metadata to {@code table}. */
    void load(String table, int count, int dim) {
        try (SurrealClient client = SurrealClient.create(SurrealConnectionConfig.builder()
                .url(surreal.baseUrl()).namespace(NAMESPACE).database(DATABASE)
                .basicAuth(surreal.user(), surreal.password())
                // the machine may be busy; a slow batch must not end the load
                .requestTimeout(Duration.ofMinutes(2)).build())) {
            FaultedStores.insertRecords(client, table, count, dim);
        }
    }

    /** A client of the test namespace and database, as root. */
    SurrealClient surrealClient() {
        return SurrealClient.create(SurrealConnectionConfig.builder()
                .url(surreal.baseUrl()).namespace(NAMESPACE).database(DATABASE)
                .basicAuth(surreal.user(), surreal.password()).build());
    }

    /** A connection to the Qdrant server. */
    QdrantConnection qdrantConnection() {
        return QdrantConnection.open(QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build());
    }

    /** The options of a {@code submit migrate} of {@code table} into {@code collection} on these stores. */
    List<String> migrateArgs(String table, String collection) {
        return new ArrayList<>(List.of(
                "--surreal-url", surreal.baseUrl(), "--surreal-ns", NAMESPACE, "--surreal-db", DATABASE,
                "--surreal-user", surreal.user(), "--surreal-pass", surreal.password(),
                "--qdrant-host", qdrant.host(), "--qdrant-port", String.valueOf(qdrant.port()),
                "--table", table, "--collection", collection));
    }

    @Override
    public void close() {
        qdrant.close();
        surreal.close();
    }
}
