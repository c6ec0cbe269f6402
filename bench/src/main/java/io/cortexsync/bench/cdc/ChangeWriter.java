package io.cortexsync.bench.cdc;

import io.cortexsync.bench.surreal.BenchDataset;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Commits a deterministic mix of changes to one table, in transactions of one change (as an
 * application writing its records one by one) or of a few: of every ten changes six create a record,
 * three update a live one and one deletes the oldest live one. Each writer owns the keys with its
 * prefix, so writers on several threads never touch one record and every record's changes stay in
 * the order this writer commits them.
 */
final class ChangeWriter {

    private final SurrealClient client;
    private final String table;
    private final String prefix;
    private final BenchDataset dataset;

    /** Changes committed per record id (its canonical text), to tell which ones a job missed. */
    private final Map<String, Integer> perRecord = new HashMap<>();

    private long changes;
    private long created;
    private long deleted;
    private long updates;

    ChangeWriter(SurrealClient client, String table, String prefix, BenchDataset dataset) {
        this.client = client;
        this.table = table;
        this.prefix = prefix;
        this.dataset = dataset;
    }

    /** Commits the next change in a transaction of its own. */
    void next() {
        client.queryBatch(List.of(change()));
    }

    /** Commits the next {@code n} changes in one transaction. */
    void next(int n) {
        List<Statement> statements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            statements.add(change());
        }
        // one request: the client runs the statements of a request as one transaction
        client.queryBatch(statements);
    }

    private Statement change() {
        long slot = changes % 10;
        Statement statement;
        if (slot < 6 || created == deleted) {
            statement = Statement.builder().sql("CREATE ").bind(counted(created)).sql(" CONTENT ").bind(dataset.content(created))
                    .sql(" RETURN NONE").build();
            created++;
        } else if (slot < 9) {
            // a live record picked by a multiplicative hash, so updates spread over the live keys
            long live = created - deleted;
            long n = deleted + Math.floorMod(changes * 0x9E3779B97F4A7C15L, live);
            Map<String, Object> doc = dataset.content(n + 1_000_000_000L * (1 + updates % 7));
            doc.put("version", 2L + updates);
            statement = Statement.builder().sql("UPSERT ").bind(counted(n)).sql(" CONTENT ").bind(doc).sql(" RETURN NONE").build();
            updates++;
        } else {
            statement = Statement.builder().sql("DELETE ").bind(counted(deleted)).sql(" RETURN NONE").build();
            deleted++;
        }
        changes++;
        return statement;
    }

    private SurrealRecordId counted(long n) {
        SurrealRecordId id = id(n);
        perRecord.merge(id.toString(), 1, Integer::sum);
        return id;
    }

    /** Changes committed per record id. */
    Map<String, Integer> perRecord() {
        return perRecord;
    }

    private SurrealRecordId id(long n) {
        return SurrealRecordId.of(table, prefix + BenchDataset.key(n));
    }

    long changes() {
        return changes;
    }

    /** Records this writer created and has not deleted. */
    long live() {
        return created - deleted;
    }

    long deletes() {
        return deleted;
    }
}
