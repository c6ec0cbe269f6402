package io.cortexsync.cli.demo;

import io.cortexsync.connector.surrealdb.admin.SurrealAdmin;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code cortex-sync demo-data}: writes the demo's generated data set into a SurrealDB table. */
@Command(
        name = "demo-data",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Writes a generated data set of embeddings with realistic metadata, some unicode record keys "
                + "and a handful of broken records into a SurrealDB table (replacing what the table held).")
public final class DemoDataCommand implements Callable<Integer> {

    private static final int ROWS_PER_STATEMENT = 100;
    private static final int STATEMENTS_PER_REQUEST = 4;

    @Option(names = "--surreal-url", defaultValue = "http://127.0.0.1:8000", description = "SurrealDB base URL (default: ${DEFAULT-VALUE}).")
    String surrealUrl;

    @Option(names = "--surreal-ns", defaultValue = "demo", description = "Namespace (default: ${DEFAULT-VALUE}).")
    String surrealNs;

    @Option(names = "--surreal-db", defaultValue = "main", description = "Database (default: ${DEFAULT-VALUE}).")
    String surrealDb;

    @Option(names = "--surreal-user", defaultValue = "root", description = "User (default: ${DEFAULT-VALUE}).")
    String surrealUser;

    @Option(names = "--surreal-pass", defaultValue = "root", arity = "1", description = "Password (default: ${DEFAULT-VALUE}).")
    String surrealPass;

    @Option(names = "--table", defaultValue = "documents", description = "Table to fill (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--records", defaultValue = "50000", description = "Good records to write (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--dim", defaultValue = "384", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--bad-records", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Add the broken records (default: ${DEFAULT-VALUE}).")
    boolean badRecords;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--writers", defaultValue = "2", description = "Parallel writers (default: ${DEFAULT-VALUE}).")
    int writers;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SurrealConnectionConfig config = SurrealConnectionConfig.builder()
                .url(surrealUrl).namespace(surrealNs).database(surrealDb).basicAuth(surrealUser, surrealPass).build();
        DemoDataset dataset = new DemoDataset(dim, seed);
        long start = System.nanoTime();
        try (SurrealClient client = SurrealClient.create(config)) {
            SurrealAdmin admin = new SurrealAdmin(client);
            try {
                admin.replaceTable(table);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--table: " + e.getMessage(), e);
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, writers));
            try {
                List<Future<?>> parts = new ArrayList<>();
                int perWriter = (records + writers - 1) / writers;
                for (int w = 0; w < writers; w++) {
                    int from = w * perWriter;
                    int to = Math.min(records, from + perWriter);
                    parts.add(pool.submit(() -> write(admin, dataset, from, to)));
                }
                for (Future<?> part : parts) {
                    part.get();
                }
            } finally {
                pool.shutdownNow();
            }
            int bad = 0;
            if (badRecords) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String key : DemoDataset.BAD_RECORDS.keySet()) {
                    Map<String, Object> row = dataset.badRecord(key);
                    row.put("id", SurrealRecordId.of(table, key));
                    rows.add(row);
                }
                admin.insert(List.of(rows));
                bad = rows.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "demo-data: %,d records (%d-dim) and %d broken ones in %s/%s table %s, in %.1f s (%,.0f records/s)%n",
                    records, dim, bad, surrealNs, surrealDb, table, seconds, records / seconds);
        }
        return 0;
    }

    private void write(SurrealAdmin admin, DemoDataset dataset, int from, int to) {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>(ROWS_PER_STATEMENT);
        for (int i = from; i < to; i++) {
            Map<String, Object> row = dataset.record(i);
            row.put("id", SurrealRecordId.of(table, DemoDataset.key(i)));
            rows.add(row);
            if (rows.size() == ROWS_PER_STATEMENT || i == to - 1) {
                batches.add(rows);
                rows = new ArrayList<>(ROWS_PER_STATEMENT);
            }
            if (batches.size() == STATEMENTS_PER_REQUEST) {
                admin.insert(batches);
                batches = new ArrayList<>();
            }
        }
        admin.insert(batches);
    }
}
