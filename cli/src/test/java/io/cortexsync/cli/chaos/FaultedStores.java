package io.cortexsync.cli.chaos;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.proxy.FaultProxy;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The stores a fault-matrix test breaks: its own SurrealDB engine on disk (a restart keeps the
 * data and the change feed), the Qdrant server, a Kafka broker, and a {@link FaultProxy} in front
 * of each store the job reaches. The job goes through the proxies; the test reads and writes the
 * stores directly, so its own view is never cut.
 */
public final class FaultedStores implements AutoCloseable {

    public final EmbeddedSurrealDb surreal;
    public final QdrantTestServer qdrant;
    public final EmbeddedKafka kafka;
    public final FaultProxy surrealProxy;
    public final FaultProxy qdrantProxy;
    /** The test's writers hold it to write; an engine restart takes it whole, so no write is caught half-done. */
    public final ReadWriteLock surrealWrites = new ReentrantReadWriteLock();

    private FaultedStores(EmbeddedSurrealDb surreal, QdrantTestServer qdrant, EmbeddedKafka kafka) {
        this.surreal = surreal;
        this.qdrant = qdrant;
        this.kafka = kafka;
        this.surrealProxy = FaultProxy.start("127.0.0.1", surreal.port());
        this.qdrantProxy = FaultProxy.start(qdrant.host(), qdrant.port());
    }

    public static FaultedStores start(Path dir) throws IOException {
        EmbeddedSurrealDb surreal = EmbeddedSurrealDb.builder()
                .dataDir(Files.createDirectories(dir.resolve("surrealkv")))
                .logFile(dir.resolve("surrealdb.log"))
                .build()
                .start();
        QdrantTestServer qdrant = QdrantTestServer.builder().build().start();
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        kafka.start();
        return new FaultedStores(surreal, qdrant, kafka);
    }

    /** The options reaching both stores through the proxies, for {@code ns.main.table} into {@code collection}. */
    public List<String> jobArgs(String ns, String table, String collection) {
        return new ArrayList<>(List.of(
                "--surreal-url", "http://127.0.0.1:" + surrealProxy.port(), "--surreal-ns", ns, "--surreal-db", "main",
                "--surreal-user", surreal.user().orElseThrow(), "--surreal-pass", surreal.password().orElseThrow(),
                "--qdrant-host", "127.0.0.1", "--qdrant-port", String.valueOf(qdrantProxy.port()),
                "--table", table, "--collection", collection, "--parallelism", "2", "--batch-size", "64"));
    }

    /** A direct client of {@code ns.main}, patient with a busy machine. */
    public SurrealClient surrealClient(String ns) {
        return SurrealClient.create(SurrealConnectionConfig.builder()
                .url(surreal.baseUrl()).namespace(ns).database("main")
                .basicAuth(surreal.user().orElseThrow(), surreal.password().orElseThrow())
                .requestTimeout(Duration.ofMinutes(2)).build());
    }

    /** A direct connection to the Qdrant server. */
    public QdrantConnection qdrantConnection() {
        return QdrantConnection.open(QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build());
    }

    /** Restarts the engine (SIGTERM, then a start on the same port and data) while no test write is in flight. */
    public void restartSurreal() {
        surrealWrites.writeLock().lock();
        try {
            surreal.restart();
        } catch (IOException e) {
            throw new UncheckedIOException("the engine did not come back", e);
        } finally {
            surrealWrites.writeLock().unlock();
        }
    }

    /** Writes {@code count} records {@code e-000000}… of {@code dim}-dimensional vectors and a little metadata. */
    public void load(String ns, String table, int count, int dim) {
        try (SurrealClient client = surrealClient(ns)) {
            insertRecords(client, table, count, dim);
        }
    }

    /** {@link #load}'s records, through {@code client}: 500 to an INSERT, four INSERTs to a request. */
    public static void insertRecords(SurrealClient client, String table, int count, int dim) {
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

    public static String key(int i) {
        return String.format("e-%06d", i);
    }

    private static Map<String, Object> record(String table, int i, int dim) {
        SplittableRandom random = new SplittableRandom(i);
        float[] vector = new float[dim];
        for (int d = 0; d < dim; d++) {
            vector[d] = (float) (random.nextDouble() * 2 - 1);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", SurrealRecordId.of(table, key(i)));
        row.put("vector", vector);
        row.put("title", "Entity " + i);
        row.put("group", (long) (i % 17));
        return row;
    }

    @Override
    public void close() {
        qdrantProxy.close();
        surrealProxy.close();
        kafka.close();
        qdrant.close();
        surreal.close();
    }
}
