package io.cortexsync.bench.surreal;

import io.cortexsync.connector.surrealdb.client.SurrealRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic entities for benchmarks: record keys {@code e0000000, e0000001, ...}, a vector of
 * {@code dim} floats and a little metadata, as a user's embedding table would hold.
 */
public final class BenchDataset {

    private static final List<String> CATEGORIES = List.of("article", "product", "ticket", "note", "faq");

    private final int dim;
    private final long seed;

    public BenchDataset(int dim, long seed) {
        this.dim = dim;
        this.seed = seed;
    }

    public static String key(long index) {
        return String.format("e%07d", index);
    }

    /** Ranges of {@code size} keys each that together hold the first {@code records} keys, open at both ends. */
    public static List<SurrealRange> keyRanges(long records, int size) {
        List<SurrealRange> ranges = new ArrayList<>();
        for (long lo = 0; lo < records; lo += size) {
            long hi = lo + size;
            ranges.add(new SurrealRange(
                    lo == 0 ? SurrealRange.Bound.unbounded() : SurrealRange.Bound.inclusive(key(lo)),
                    hi >= records ? SurrealRange.Bound.unbounded() : SurrealRange.Bound.exclusive(key(hi))));
        }
        return ranges;
    }

    /** The content of entity {@code index}, without its id. */
    public Map<String, Object> content(long index) {
        SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
        float[] vector = new float[dim];
        for (int i = 0; i < dim; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("vector", vector);
        doc.put("title", "entity " + index);
        doc.put("category", CATEGORIES.get((int) (index % CATEGORIES.size())));
        doc.put("score", random.nextInt(1000));
        doc.put("version", 1L);
        return doc;
    }
}
