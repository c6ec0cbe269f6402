package io.cortexsync.bench.surreal;

import io.cortexsync.bench.Rate;
import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.StatementResult;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRange;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's own bounded-range scan rate, without Flink: {@code threads} workers take record-id
 * ranges from a queue and read each with one {@code SELECT * FROM $range}, decoding the vector
 * straight into {@code float[]} as the source does. This is the ceiling a source can reach here.
 */
public final class EngineScan {

    private final SurrealClient client;
    private final String vectorField;

    public EngineScan(SurrealClient client, String vectorField) {
        this.client = client;
        this.vectorField = vectorField;
    }

    public Rate scan(String table, List<SurrealRange> ranges, int threads) throws Exception {
        ConcurrentLinkedQueue<SurrealRange> queue = new ConcurrentLinkedQueue<>(ranges);
        AtomicLong records = new AtomicLong();
        QueryOptions options = QueryOptions.DEFAULTS.withIdempotent(true).withFloatArrayFields(vectorField);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (SurrealRange range; (range = queue.poll()) != null; ) {
                        List<StatementResult> results = client.query(
                                "SELECT * FROM $r", Map.of("r", SurrealRecordId.range(table, range)), options);
                        records.addAndGet(results.get(0).resultList().size());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return Rate.between(records.get(), start, System.nanoTime());
    }
}
