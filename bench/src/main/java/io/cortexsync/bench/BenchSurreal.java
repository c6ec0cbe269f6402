package io.cortexsync.bench;

import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.testkit.surrealdb.EmbeddedSurrealDb;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The embedded SurrealDB the benches read from: on disk (surrealkv), since large tables of long
 * vectors would not fit the in-memory engine, and signed in as root in one namespace and database.
 */
public final class BenchSurreal {

    public static final String NAMESPACE = "bench";
    public static final String DATABASE = "bench";
    public static final String USER = "root";
    public static final String PASSWORD = "root";

    private BenchSurreal() {}

    /** SurrealDB on a free port, with its data in {@code dir}/db and its log in {@code dir}/surrealdb.log. */
    public static EmbeddedSurrealDb start(Path dir) throws IOException {
        return EmbeddedSurrealDb.builder()
                .port(0)
                .dataDir(dir.resolve("db"))
                .credentials(USER, PASSWORD)
                .logFile(dir.resolve("surrealdb.log"))
                .build()
                .start();
    }

    /** A connection to {@code db}'s bench namespace and database. */
    public static SurrealConnectionConfig connection(EmbeddedSurrealDb db) {
        return SurrealConnectionConfig.builder()
                .url(db.baseUrl())
                .namespace(NAMESPACE)
                .database(DATABASE)
                .basicAuth(USER, PASSWORD)
                .build();
    }
}
