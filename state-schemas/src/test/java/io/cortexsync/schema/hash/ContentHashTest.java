package io.cortexsync.schema.hash;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.SyncEntity;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashTest {

    @Test
    void hashesEachElementsBitPatternAsIs() {
        RecordId id = RecordId.parse("doc:1");
        String quiet = ContentHash.of(id, new float[] {Float.intBitsToFloat(0x7fc00000)}, Map.of());
        String withPayload = ContentHash.of(id, new float[] {Float.intBitsToFloat(0x7fc00001)}, Map.of());
        assertThat(withPayload).isNotEqualTo(quiet);
        assertThat(ContentHash.of(id, new float[] {Float.intBitsToFloat(0x7fc00001)}, Map.of())).isEqualTo(withPayload);
    }

    /** Golden values from the independent reference, src/test/python/reference.py. */
    @Test
    void goldenHashes() {
        assertThat(
                        ContentHash.of(
                                RecordId.parse("doc:1"),
                                new float[] {0.5f, -1.25f, 3.0f},
                                Map.of()))
                .isEqualTo("078815cfff0ec39e5993feb86ca62709");

        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", true);
        nested.put("a", null);
        nested.put("_kept", 1);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("title", "Hello");
        second.put("tags", List.of("a", "b"));
        second.put("n", 1);
        second.put("x", 1.5);
        second.put("nested", nested);
        second.put(PayloadFields.SYNCED_AT, "2026-01-01T00:00:00Z");
        assertThat(ContentHash.canonicalMetadata(second))
                .isEqualTo(
                        "{\"n\":1,\"nested\":{\"_kept\":1,\"a\":null,\"b\":true},"
                                + "\"tags\":[\"a\",\"b\"],\"title\":\"Hello\",\"x\":1.5}");
        assertThat(
                        ContentHash.of(
                                RecordId.of("doc", "hello world"),
                                new float[] {0.1f, 0.2f, 0.3f},
                                second))
                .isEqualTo("957afd9712c3fb7733aea800a2a4efa7");

        Map<String, Object> third = new LinkedHashMap<>();
        third.put("z\n", "line\u0001");
        third.put("é", "café");
        third.put("🚀", "rocket");
        third.put("ﬁ", "fi");
        third.put("q", "say \"hi\" \\ bye");
        assertThat(
                        ContentHash.of(
                                RecordId.parse("doc:u1"),
                                new float[] {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE},
                                third))
                .isEqualTo("67767cd28c5348912cd7812fa889c9bf");

        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("int", 1);
        numbers.put("float_one", 1.0);
        numbers.put("big", new BigInteger("12345678901234567890"));
        numbers.put("neg_zero", -0.0);
        numbers.put("tiny", 1e-7);
        numbers.put("small", 0.000001);
        numbers.put("huge", 1e21);
        numbers.put("large", 1e20);
        numbers.put("pi", Math.PI);
        numbers.put("third", 1.0 / 3);
        numbers.put("f32", 0.1f);
        numbers.put("neg", -2.5e-10);
        numbers.put("min_long", Long.MIN_VALUE);
        assertThat(ContentHash.canonicalMetadata(numbers))
                .isEqualTo(
                        "{\"big\":12345678901234567890,\"f32\":0.10000000149011612,"
                            + "\"float_one\":1,\"huge\":1e+21,\"int\":1,\"large\":100000000000000000000,"
                            + "\"min_long\":-9223372036854775808,\"neg\":-2.5e-10,\"neg_zero\":0,"
                            + "\"pi\":3.141592653589793,\"small\":0.000001,"
                            + "\"third\":0.3333333333333333,\"tiny\":1e-7}");
        assertThat(ContentHash.of(RecordId.parse("doc:nums"), new float[] {1.0f}, numbers))
                .isEqualTo("642dd76cf074da306fa451ebe6fa667a");

        assertThat(
                        ContentHash.of(
                                RecordId.parse("doc:0190c5b2-7d4e-7a11-8f00-123456789abc"),
                                new float[0],
                                Map.of("_only", "sync")))
                .isEqualTo("66f8d90172d6cc128b0a082142e64b6c");
    }

    /** Each thread reuses its own digest and buffers: hashes made side by side do not mix. */
    @Test
    void threadsHashingAtOnceGetTheHashesOfOneThread() throws Exception {
        List<SyncEntity> entities = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            float[] vector = new float[i * 7];
            Arrays.fill(vector, i);
            entities.add(entity(RecordId.of("doc", i), vector, Map.of("n", i, "text", "x".repeat(i * 50))));
        }
        List<String> expected = new ArrayList<>();
        for (SyncEntity entity : entities) {
            expected.add(ContentHash.of(entity));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int shift = t;
                runs.add(threads.submit(() -> {
                    String[] hashes = new String[entities.size()];
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < entities.size(); i++) {
                            int k = (i + shift * 13 + round) % entities.size();
                            hashes[k] = ContentHash.of(entities.get(k));
                        }
                    }
                    return List.of(hashes);
                }));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void entityHashEqualsPartsHash() {
        SyncEntity entity = entity(RecordId.of("doc", 7), new float[] {1f, 2f}, Map.of("a", 1));
        assertThat(ContentHash.of(entity))
                .isEqualTo(
                        ContentHash.of(RecordId.of("doc", 7), new float[] {1f, 2f}, Map.of("a", 1)))
                .matches("[0-9a-f]{32}");
    }

    @Test
    void keyOrderDoesNotChangeTheHash() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            Map<String, Object> metadata = randomObject(random, 3);
            String expected = hash(metadata);
            assertThat(hash(shuffled(metadata, random))).isEqualTo(expected);
            assertThat(hash(new TreeMap<>(metadata))).isEqualTo(expected);
            assertThat(hash(new HashMap<>(metadata))).isEqualTo(expected);
        }
    }

    @Test
    void topLevelUnderscoreFieldsDoNotChangeTheHash() {
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("title", "x", "n", 3));
        String expected = hash(metadata);
        metadata.put(PayloadFields.SURREAL_ID, "doc:1");
        metadata.put(PayloadFields.CONTENT_HASH, "00000000000000000000000000000000");
        metadata.put(PayloadFields.SYNCED_AT, "2026-11-25T08:00:00Z");
        metadata.put(PayloadFields.VERSION, 4);
        assertThat(hash(metadata)).isEqualTo(expected);
    }

    @Test
    void nestedUnderscoreFieldsAreUserData() {
        assertThat(hash(Map.of("n", Map.of("_a", 1)))).isNotEqualTo(hash(Map.of("n", Map.of())));
    }

    @Test
    void integerAndIntegralFloatAreTheSameValue() {
        assertThat(hash(Map.of("n", 1))).isEqualTo(hash(Map.of("n", 1.0)));
        assertThat(hash(Map.of("n", 1))).isEqualTo(hash(Map.of("n", 1L)));
        assertThat(hash(Map.of("n", 1))).isNotEqualTo(hash(Map.of("n", "1")));
        assertThat(hash(Map.of("n", 1))).isNotEqualTo(hash(Map.of("n", 1.5)));
    }

    @Test
    void anyChangeOfIdVectorOrMetadataChangesTheHash() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            RecordId id = RecordId.of("doc", random.nextInt(1000));
            float[] vector = randomVector(random, 1 + random.nextInt(16));
            Map<String, Object> metadata = randomObject(random, 2);
            String base = ContentHash.of(id, vector, metadata);

            assertThat(ContentHash.of(RecordId.of("doc", id.canonical() + "x"), vector, metadata))
                    .isNotEqualTo(base);
            assertThat(ContentHash.of(RecordId.of("other", (Long) id.key()), vector, metadata))
                    .isNotEqualTo(base);
            assertThat(
                            ContentHash.of(
                                    RecordId.of("doc", String.valueOf(id.key())), vector, metadata))
                    .isNotEqualTo(base);

            for (int i = 0; i < vector.length; i++) {
                float[] changed = vector.clone();
                changed[i] = Math.nextUp(changed[i]);
                assertThat(ContentHash.of(id, changed, metadata)).isNotEqualTo(base);
            }
            assertThat(
                            ContentHash.of(
                                    id,
                                    java.util.Arrays.copyOf(vector, vector.length + 1),
                                    metadata))
                    .isNotEqualTo(base);

            for (String key : metadata.keySet()) {
                Map<String, Object> changed = new LinkedHashMap<>(metadata);
                changed.put(key, List.of(metadata.get(key) == null ? "was null" : "changed"));
                assertThat(ContentHash.of(id, vector, changed)).isNotEqualTo(base);
                changed.remove(key);
                assertThat(ContentHash.of(id, vector, changed)).isNotEqualTo(base);
            }
            Map<String, Object> added = new LinkedHashMap<>(metadata);
            added.put("new_key", null);
            assertThat(ContentHash.of(id, vector, added)).isNotEqualTo(base);
        }
    }

    @Test
    void partBoundariesAreUnambiguous() {
        // The same bytes split differently between id and metadata must not collide.
        assertThat(ContentHash.of(RecordId.parse("a:b"), new float[0], Map.of("c", "d")))
                .isNotEqualTo(
                        ContentHash.of(RecordId.parse("a:bc"), new float[0], Map.of("", "d")));
        assertThat(hash(Map.of("a", List.of("b", "c"))))
                .isNotEqualTo(hash(Map.of("a", List.of("b,c"))));
        assertThat(ContentHash.of(RecordId.parse("a:b"), new float[] {0f}, Map.of()))
                .isNotEqualTo(ContentHash.of(RecordId.parse("a:b"), new float[] {-0f}, Map.of()));
    }

    private static String hash(Map<String, ?> metadata) {
        return ContentHash.of(RecordId.of("doc", 1), new float[] {0.25f, -1f}, metadata);
    }

    private static SyncEntity entity(RecordId id, float[] vector, Map<String, ?> metadata) {
        return SyncEntity.builder()
                .id(id)
                .vector(vector)
                .metadata(metadata)
                .timestamp(Instant.EPOCH)
                .workspaceId("ws")
                .build();
    }

    private static float[] randomVector(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = 1 + random.nextInt(5);
        for (int i = 0; i < size; i++) {
            map.put(
                    "k" + random.nextInt(100) + (random.nextBoolean() ? "é" : ""),
                    randomValue(random, depth));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextInt(1000) - 500;
            case 3:
                return random.nextDouble() * 1e6;
            case 4:
                return "s" + random.nextInt();
            case 5:
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(randomValue(random, depth - 1));
                }
                return list;
            default:
                return randomObject(random, depth - 1);
        }
    }

    private static Map<String, Object> shuffled(Map<String, Object> map, Random random) {
        List<String> keys = new ArrayList<>(map.keySet());
        Collections.shuffle(keys, random);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = map.get(key);
            out.put(key, value instanceof Map ? shuffled(castMap(value), random) : value);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
