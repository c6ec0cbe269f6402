package io.cortexsync.cli.cluster;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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

    /** Writes {@code count} records of {@code dim}-dimensional vectors with a little metadata to {@code table}. */
    void load(String table, int count, int dim) {
        try (SurrealClient client = SurrealClient.create(SurrealConnectionConfig.builder()
                .url(surreal.baseUrl()).namespace(NAMESPACE).database(DATABASE)
                .basicAuth(surreal.user(), surreal.password())
                // the machine may be busy; a slow batch must not end the load
                .requestTimeout(Duration.ofMinutes(2)).build())) {
            List<Statement> statements = new ArrayList<>();
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                rows.add(record(table, i, dim));
                if (rows.size() == 500 || i == count - 1) {
                    statements.add(Statement.builder().sql("INSERT ").bind(rows).sql(" RETURN NONE").build());
                    rows = new ArrayList<>();
                }
                if (statements.size() == 4 || i == count - 1) {
                    client.queryBatch(statements);
                    statements = new ArrayList<>();
                }
            }
        }
    }

    private static Map<String, Object> record(String table, int i, int dim) {
        SplittableRandom random = new SplittableRandom(i);
        float[] vector = new float[dim];
        for (int d = 0; d < dim; d++) {
            vector[d] = (float) (random.nextDouble() * 2 - 1);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", SurrealRecordId.of(table, String.format("e-%06d", i)));
        row.put("vector", vector);
        row.put("title", "Entity " + i);
        row.put("group", (long) (i % 17));
        return row;
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
