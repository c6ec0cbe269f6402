package io.cortexsync.cli.migrate;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The real SurrealDB engine and the Qdrant test server for the migration tests, with test data. */
public final class MigrationTestStores implements AutoCloseable {

    /** The keys of the bad records {@link #load} plants, and the reason class of each. */
    static final Map<String, String> BAD_RECORDS = Map.of(
            "zz-bad-missing", "missing-vector",
            "zz-bad-text", "not-a-vector",
            "zz-bad-short", "wrong-dimension");

    public final SurrealEndpoint surreal;
    public final QdrantTestServer qdrant;

    private MigrationTestStores(SurrealEndpoint surreal, QdrantTestServer qdrant) {
        this.surreal = surreal;
        this.qdrant = qdrant;
    }

    public static MigrationTestStores start(String name) {
        SurrealEndpoint surreal = SurrealEndpoint.externalOrEmbedded(EmbeddedSurrealDb.builder()
                .logFile(Paths.get("target", "surrealdb-" + name + ".log").toAbsolutePath()));
        QdrantTestServer qdrant = QdrantTestServer.builder().build().start();
        return new MigrationTestStores(surreal, qdrant);
    }

    public SurrealClient surrealClient(String ns) {
        return SurrealClient.create(SurrealConnectionConfig.builder()
                .url(surreal.baseUrl()).namespace(ns).database("main")
                .basicAuth(surreal.user(), surreal.password()).build());
    }

    public QdrantConnection qdrantConnection() {
        return QdrantConnection.open(QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build());
    }

    /**
     * Writes {@code good} well-formed records of {@code dim} dimensions (some with unicode keys)
     * and, when {@code withBad}, the {@link #BAD_RECORDS} to {@code ns.main.table}.
     */
    public void load(String ns, String table, int good, int dim, boolean withBad) {
        try (SurrealClient client = surrealClient(ns)) {
            List<Statement> statements = new ArrayList<>();
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < good; i++) {
                Map<String, Object> row = content(i, dim);
                row.put("id", SurrealRecordId.of(table, key(i)));
                rows.add(row);
                if (rows.size() == 250 || i == good - 1) {
                    statements.add(Statement.builder().sql("INSERT ").bind(rows).sql(" RETURN NONE").build());
                    rows = new ArrayList<>();
                }
            }
            if (withBad) {
                Map<String, Object> missing = content(-1, dim);
                missing.remove("vector");
                missing.put("id", SurrealRecordId.of(table, "zz-bad-missing"));
                Map<String, Object> text = content(-2, dim);
                text.put("vector", "not a vector");
                text.put("id", SurrealRecordId.of(table, "zz-bad-text"));
                Map<String, Object> shortVector = content(-3, dim);
                shortVector.put("vector", new float[] {1f, 2f, 3f});
                shortVector.put("id", SurrealRecordId.of(table, "zz-bad-short"));
                statements.add(Statement.builder().sql("INSERT ").bind(List.of(missing, text, shortVector))
                        .sql(" RETURN NONE").build());
            }
            // a few thousand records a request: one request of every record times out on a busy machine
            for (int from = 0; from < statements.size(); from += 8) {
                client.queryBatch(statements.subList(from, Math.min(statements.size(), from + 8)));
            }
        }
    }

    /** Every tenth key is unicode; the rest sort in insertion order. */
    public static String key(int i) {
        return i % 10 == 3 ? String.format("文書-%05d-é", i) : String.format("doc-%05d", i);
    }

    public static Map<String, Object> content(int i, int dim) {
        SplittableRandom random = new SplittableRandom(31L * i + 7);
        float[] vector = new float[dim];
        for (int d = 0; d < dim; d++) {
            vector[d] = (float) (random.nextDouble() * 2 - 1);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vector", vector);
        row.put("title", "Document " + i);
        row.put("tags", List.of("t" + (i % 3), "t" + (i % 5)));
        row.put("score", (long) random.nextInt(100));
        return row;
    }

    /** The command-line arguments reaching these stores for a migration of {@code ns.main.tables} into {@code collection}. */
    public List<String> args(String ns, String collection, String... tables) {
        List<String> args = new ArrayList<>(List.of(
                "--surreal-url", surreal.baseUrl(), "--surreal-ns", ns, "--surreal-db", "main",
                "--surreal-user", surreal.user(), "--surreal-pass", surreal.password(),
                "--qdrant-host", qdrant.host(), "--qdrant-port", String.valueOf(qdrant.port()),
                "--collection", collection, "--parallelism", "2", "--batch-size", "64"));
        for (String table : tables) {
            args.add("--table");
            args.add(table);
        }
        return args;
    }

    public long pointCount(String collection) throws Exception {
        try (QdrantConnection connection = qdrantConnection()) {
            return connection.client().countAsync(collection).get(30, TimeUnit.SECONDS);
        }
    }

    public boolean collectionExists(String collection) throws Exception {
        try (QdrantConnection connection = qdrantConnection()) {
            return connection.client().collectionExistsAsync(collection).get(30, TimeUnit.SECONDS);
        }
    }

    /** What a run of {@code cortex-sync migrate} printed and returned. */
    public record Run(int exitCode, String out, String err) {}

    public static Run migrate(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Run run = migrate(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(run.exitCode(), out.toString(StandardCharsets.UTF_8), run.err());
    }

    /**
     * Runs the command printing to {@code outStream} as it goes (the returned run's {@code out} is
     * empty). A run that names no dead-letter file or checkpoint directory gets them under {@code
     * target/}: the defaults, in the working directory, would land among the module's sources.
     */
    static Run migrate(List<String> args, PrintStream outStream) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] argv = withOutputsInTarget(args).toArray(new String[0]);
        CommandLine cli = CortexSyncCli.commandLine(new MigrateCommand(outStream, errStream), argv);
        cli.setErr(new PrintWriter(errStream, true));
        cli.setOut(new PrintWriter(outStream, true));
        int exit = cli.execute(argv);
        return new Run(exit, "", err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> withOutputsInTarget(List<String> args) {
        List<String> completed = new ArrayList<>(args);
        if (args.contains("--config")) {
            return completed;
        }
        String run = "migrate-" + UUID.randomUUID();
        if (!args.contains("--dead-letter")) {
            completed.addAll(List.of("--dead-letter", Paths.get("target", "dead-letters", run + ".jsonl").toAbsolutePath().toString()));
        }
        if (!args.contains("--checkpoint-dir")) {
            completed.addAll(List.of("--checkpoint-dir", Paths.get("target", "checkpoints", run).toAbsolutePath().toString()));
        }
        return completed;
    }

    @Override
    public void close() {
        qdrant.close();
        surreal.close();
    }
}
