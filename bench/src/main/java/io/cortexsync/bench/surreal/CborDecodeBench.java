package io.cortexsync.bench.surreal;

import io.cortexsync.bench.BenchReport;
import io.cortexsync.bench.Rate;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.cbor.CborReader;
import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code bench.sh cbor-decode}: how fast the SurrealDB client decodes a page of vector records
 * as the engine sends it (vectors straight into {@code float[]}), on one thread, without I/O.
 * The decoder's rate bounds the source's: a snapshot chunk is one such page.
 */
@Command(name = "cbor-decode", mixinStandardHelpOptions = true,
        description = "CBOR decoding rate of pages of vector records, one thread, no I/O.")
public final class CborDecodeBench implements Callable<Integer> {

    private static final String VECTOR_FIELD = "embedding";

    @Option(names = "--records", defaultValue = "1000", description = "Records per page (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--dim", defaultValue = "768", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--pages", defaultValue = "100", description = "Pages decoded in the measured run (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--warmup-pages", defaultValue = "20", description = "Pages decoded first, unmeasured, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmupPages;

    @Override
    public Integer call() {
        BenchReport report = new BenchReport(System.out);
        byte[] page = CborWriter.encode(page(records, dim));
        report.value("records_per_page", records);
        report.value("dim", dim);
        report.value("cbor_page_bytes", page.length);

        Set<String> vectors = Set.of(VECTOR_FIELD);
        for (int i = 0; i < warmupPages; i++) {
            check(CborReader.decode(page, vectors));
        }
        long start = System.nanoTime();
        for (int i = 0; i < pages; i++) {
            check(CborReader.decode(page, vectors));
        }
        Rate rate = Rate.between((long) pages * records, start, System.nanoTime());
        report.value("cbor_decode_seconds", rate.elapsed().toNanos() / 1e9);
        report.value("cbor_decode_mb_per_s", (double) pages * page.length / 1e6 / (rate.elapsed().toNanos() / 1e9));
        report.value("cbor_decode_records_per_s", rate.perSecond());
        return 0;
    }

    /** Records shaped like the demo's: an integer id, a short title and a random vector. */
    private static List<Object> page(int records, int dim) {
        Random random = new Random(1);
        List<Object> page = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            float[] vector = new float[dim];
            for (int j = 0; j < dim; j++) {
                vector[j] = random.nextFloat();
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", SurrealRecordId.of("doc", i));
            record.put("title", "record " + i);
            record.put(VECTOR_FIELD, vector);
            page.add(record);
        }
        return page;
    }

    /** Uses the result, so the decoding cannot be optimised away, and fails on a wrong page. */
    private void check(Object decoded) {
        if (!(decoded instanceof List) || ((List<?>) decoded).size() != records) {
            throw new IllegalStateException("decoded page does not hold " + records + " records");
        }
    }
}
