package io.cortexsync.bench.surreal;

import io.cortexsync.bench.Rate;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** Writes a {@link BenchDataset} into a table, a batch of rows per statement. */
public final class SurrealLoader {

    private static final int ROWS_PER_STATEMENT = 200;

    private final SurrealClient client;

    public SurrealLoader(SurrealClient client) {
        this.client = client;
    }

    public Rate load(String table, BenchDataset dataset, long records) {
        return load(table, dataset::content, BenchDataset::key, records);
    }

    /** Writes row {@code rowOf(i)} under key {@code keys(i)} for every {@code i} below {@code records}. */
    public Rate load(String table, LongFunction<Map<String, Object>> rowOf, LongFunction<String> keys, long records) {
        long start = System.nanoTime();
        List<Statement> statements = new ArrayList<>();
        List<Object> rows = new ArrayList<>(ROWS_PER_STATEMENT);
        for (long i = 0; i < records; i++) {
            Map<String, Object> row = new LinkedHashMap<>(rowOf.apply(i));
            row.put("id", SurrealRecordId.of(table, keys.apply(i)));
            rows.add(row);
            if (rows.size() == ROWS_PER_STATEMENT || i == records - 1) {
                // every row carries its record id, so INSERT needs no table name in the text
                statements.add(Statement.builder().sql("INSERT ").bind(rows).sql(" RETURN NONE")
                        .label("rows up to " + i).build());
                rows = new ArrayList<>(ROWS_PER_STATEMENT);
            }
            if (statements.size() == 5) {
                client.queryBatch(statements);
                statements.clear();
            }
        }
        if (!statements.isEmpty()) {
            client.queryBatch(statements);
        }
        return Rate.between(records, start, System.nanoTime());
    }
}
