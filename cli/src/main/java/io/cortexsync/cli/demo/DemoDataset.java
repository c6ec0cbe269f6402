package io.cortexsync.cli.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic data set shaped like a document store's embeddings: normalised vectors, titles,
 * authors, languages, categories, tags, dates and counts; some record keys in other scripts; and a
 * handful of records whose vector is broken in the ways real data breaks.
 */
public final class DemoDataset {

    private static final List<String> CATEGORIES = List.of("article", "product", "support-ticket", "faq", "release-note", "review");
    private static final List<String> LANGUAGES = List.of("en", "de", "fr", "ja", "es", "pt");
    private static final List<String> AUTHORS = List.of("Ada Lovelace", "Grace Hopper", "Alan Turing", "Zoë Müller",
            "Søren Kierkegaard", "Björk Guðmundsdóttir", "李白", "José Martí");
    private static final List<String> TOPICS = List.of("billing", "search", "onboarding", "latency", "privacy", "pricing",
            "mobile", "integrations", "security", "reporting");
    private static final List<String> UNICODE_PREFIXES = List.of("文書", "заметка", "café", "ドキュメント", "σημείωση", "문서");
    private static final Instant EPOCH = Instant.parse("2023-01-01T00:00:00Z");

    /** The bad records: key and what is wrong with its vector. */
    public static final Map<String, String> BAD_RECORDS = Map.of(
            "bad-missing-vector", "no vector field",
            "bad-text-vector", "the vector is a string",
            "bad-short-vector", "the vector has too few elements",
            "bad-mixed-vector", "the vector holds a string",
            "bad-empty-vector", "the vector is empty");

    private final int dim;
    private final long seed;

    public DemoDataset(int dim, long seed) {
        this.dim = dim;
        this.seed = seed;
    }

    /** The key of record {@code i}: mostly {@code doc-000042}, every 97th in another script. */
    public static String key(long i) {
        if (i % 97 == 5) {
            return UNICODE_PREFIXES.get((int) (i / 97 % UNICODE_PREFIXES.size())) + "-" + String.format("%06d", i);
        }
        return String.format("doc-%06d", i);
    }

    /** Record {@code i}'s fields, without its id. */
    public Map<String, Object> record(long i) {
        SplittableRandom random = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vector", unitVector(random));
        String topic = TOPICS.get(random.nextInt(TOPICS.size()));
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        row.put("title", capitalise(topic) + " " + category.replace('-', ' ') + " #" + i);
        row.put("category", category);
        row.put("language", LANGUAGES.get(random.nextInt(LANGUAGES.size())));
        row.put("author", AUTHORS.get(random.nextInt(AUTHORS.size())));
        List<String> tags = new ArrayList<>();
        tags.add(topic);
        tags.add(TOPICS.get(random.nextInt(TOPICS.size())));
        row.put("tags", tags);
        row.put("word_count", (long) (80 + random.nextInt(4000)));
        row.put("rating", Math.round(random.nextDouble() * 50) / 10.0);
        row.put("published_at", EPOCH.plus(random.nextInt(3 * 365 * 24), ChronoUnit.HOURS).toString());
        row.put("url", "https://docs.example.com/" + category + "/" + i);
        row.put("version", 1L + random.nextInt(5));
        return row;
    }

    /** The bad record of {@code key} (one of {@link #BAD_RECORDS}), without its id. */
    public Map<String, Object> badRecord(String key) {
        Map<String, Object> row = record(key.hashCode() & 0xffff);
        switch (key) {
            case "bad-missing-vector":
                row.remove("vector");
                break;
            case "bad-text-vector":
                row.put("vector", "0.1, 0.2, 0.3");
                break;
            case "bad-short-vector":
                row.put("vector", new float[] {0.5f, 0.5f, 0.5f, 0.5f});
                break;
            case "bad-mixed-vector":
                row.put("vector", List.of(0.1, "two", 0.3));
                break;
            case "bad-empty-vector":
                row.put("vector", List.of());
                break;
            default:
                throw new IllegalArgumentException("no bad record " + key);
        }
        row.put("title", "Broken record: " + BAD_RECORDS.get(key));
        return row;
    }

    private float[] unitVector(SplittableRandom random) {
        float[] v = new float[dim];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            v[d] = (float) (random.nextDouble() * 2 - 1);
            norm += v[d] * v[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dim; d++) {
            v[d] *= scale;
        }
        return v;
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
