package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** The engine the source tests read from, and the records they write to it. */
public final class SourceTestData {

    public static final int DIMENSIONS = 8;

    /** Statements per transaction: the engine slows down sharply on much larger ones. */
    private static final int WRITE_BATCH = 500;

    private SourceTestData() {}

    public static SurrealEndpoint startEngine(String name) {
        return SurrealTestEngine.endpoint(name);
    }

    public static SurrealConnectionConfig.Builder connection(String url, String user, String password, String namespace) {
        return SurrealConnectionConfig.builder()
                .url(url)
                .namespace(namespace)
                .database("main")
                .basicAuth(user, password);
    }

    public static SurrealConnectionConfig connection(SurrealEndpoint endpoint, String namespace) {
        return connection(endpoint.baseUrl(), endpoint.user(), endpoint.password(), namespace).build();
    }

    /**
     * A key of every kind, most of them hostile to anything that would splice them into SurrealQL:
     * numbers, quotes, brackets, statement separators, spaces, unicode and UUIDs.
     */
    public static Object hostileKey(int i) {
        switch (i % 8) {
            case 0:
                return (long) i - 500;
            case 1:
                return "x; DELETE code " + i;
            case 2:
                return "a⟩b" + i;
            case 3:
                return " sp ace " + i + " ";
            case 4:
                return "é日本😀" + i;
            case 5:
                return "quote'\"`" + i;
            case 6:
                return new UUID(i * 7919L, i);
            default:
                return "k" + i;
        }
    }

    public static float[] vector(Random random) {
        float[] v = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = random.nextFloat() * 2 - 1;
        }
        return v;
    }

    /** Writes {@code count} records with hostile keys to {@code table}; returns them by id. */
    public static Map<SurrealRecordId, Map<String, Object>> writeRecords(
            SurrealClient client, String table, int count, long seed) {
        Random random = new Random(seed);
        Map<SurrealRecordId, Map<String, Object>> written = new LinkedHashMap<>();
        List<Statement> upserts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SurrealRecordId id = SurrealRecordId.ofKey(table, hostileKey(i));
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("n", (long) i);
            content.put("title", "record " + i + " of " + table);
            content.put("v", vector(random));
            written.put(id, content);
            upserts.add(Statement.upsert(id, content));
            if (upserts.size() == WRITE_BATCH) {
                client.queryBatch(upserts, QueryOptions.DEFAULTS.withIdempotent(true));
                upserts.clear();
            }
        }
        if (!upserts.isEmpty()) {
            client.queryBatch(upserts, QueryOptions.DEFAULTS.withIdempotent(true));
        }
        return written;
    }

    public static void defineChangeFeed(SurrealClient client, String table, String retention) {
        // table names here are test constants
        client.query("DEFINE TABLE IF NOT EXISTS " + table + " SCHEMALESS CHANGEFEED " + retention, Map.of());
    }
}
