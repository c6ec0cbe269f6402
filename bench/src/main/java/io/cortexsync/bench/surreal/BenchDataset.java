package io.cortexsync.bench.surreal;

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
