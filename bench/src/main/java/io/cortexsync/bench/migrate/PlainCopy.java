package io.cortexsync.bench.migrate;

import io.cortexsync.cli.logging.GrpcLogging;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealNone;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTable;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.JsonValues;
import io.cortexsync.schema.model.PayloadFields;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The migration benchmark's baseline: a plain single-threaded client copy, page and upsert, as a
 * user would write it without cortex-sync. It reads one SurrealDB table a page at a time with
 * {@code START}/{@code LIMIT}, turns each record into a Qdrant point and upserts the points with
 * the plain Qdrant client ({@code wait=true}), one call at a time. Records without a usable vector
 * are skipped and counted.
 *
 * <p>It writes the points {@code cortex-sync migrate} writes, less what only cortex-sync adds: the
 * point id, vector and payload (the record's fields, its id and table) mirror
 * {@code SyncEntityMapping} and {@code SyncEntityPointConverter}, but a user's script computes no
 * {@code _content_hash} and stamps no {@code _synced_at}, so neither does this copy.
 *
 * <p>Run as its own process, so the benchmark can take its wall time and CPU from the OS:
 *
 * <pre>
 * java ... io.cortexsync.bench.migrate.PlainCopy --surreal-url http://127.0.0.1:8000 --surreal-ns demo
 *     --surreal-db main --surreal-user root --surreal-pass root --table documents
 *     --qdrant-host 127.0.0.1 --qdrant-port 6334 --collection documents --dim 768
 *     [--vector-field vector] [--page-size 256] [--batch-size 256]
 * </pre>
 *
 * Prints {@code plain_copy copied=N skipped=M seconds=S} and exits 0; on error, one line on stderr
 * and exit code 1.
 */
public final class PlainCopy {

    /*
     * No ORDER BY: on a table nobody writes to, a bare table scan returns records in key order on
     * both 2.x and 3.x, so pages neither overlap nor miss. On 3.x ORDER BY id plans the same scan,
     * but on 2.x it sorts the whole table again for every page (no early stop at LIMIT).
     */
    private static final String PAGE = "SELECT * FROM type::table($table) START $start LIMIT $limit";

    private PlainCopy() {}

    public static void main(String[] args) {
        // stdout carries only the result line: without a log4j2 configuration, the Qdrant client's
        // errors would go there (with stack traces), and gRPC's start-up notes to stderr
        if (System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("org.apache.logging.log4j.level", "OFF");
        }
        GrpcLogging.warningsOnly();
        try {
            Options options = Options.parse(args);
            long start = System.nanoTime();
            long[] counts = copy(options);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "plain_copy copied=%d skipped=%d seconds=%.3f%n", counts[0], counts[1], seconds);
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("plain_copy: " + oneLine(e));
            System.exit(1);
        }
    }

    /** Copies the table; returns {copied, skipped}. */
    static long[] copy(Options o) throws InterruptedException, ExecutionException {
        SurrealConnectionConfig.Builder surrealConfig = SurrealConnectionConfig.builder()
                .url(o.surrealUrl).namespace(o.surrealNs).database(o.surrealDb);
        if (o.surrealUser != null) {
            surrealConfig.basicAuth(o.surrealUser, o.surrealPass);
        }
        try (SurrealClient surreal = SurrealClient.create(surrealConfig.build());
                QdrantClient qdrant = new QdrantClient(QdrantGrpcClient.newBuilder(o.qdrantHost, o.qdrantPort, false).build())) {
            if (!qdrant.collectionExistsAsync(o.collection).get()) {
                qdrant.createCollectionAsync(o.collection,
                        VectorParams.newBuilder().setDistance(Distance.Cosine).setSize(o.dim).build()).get();
            }
            long copied = 0;
            long skipped = 0;
            List<PointStruct> batch = new ArrayList<>(o.batchSize);
            Map<String, Object> vars = new HashMap<>(Map.of("table", o.table, "limit", (long) o.pageSize));
            for (long offset = 0; ; offset += o.pageSize) {
                vars.put("start", offset);
                List<Map<String, Object>> page = surreal.query(PAGE, vars).get(0).records();
                for (Map<String, Object> record : page) {
                    PointStruct point;
                    try {
                        point = toPoint(record, o.vectorField, o.dim);
                    } catch (IllegalArgumentException badRecord) {
                        skipped++;
                        continue;
                    }
                    batch.add(point);
                    if (batch.size() == o.batchSize) {
                        copied += upsert(qdrant, o.collection, batch);
                        batch = new ArrayList<>(o.batchSize);
                    }
                }
                if (page.size() < o.pageSize) {
                    break;
                }
            }
            if (!batch.isEmpty()) {
                copied += upsert(qdrant, o.collection, batch);
            }
            return new long[] {copied, skipped};
        }
    }

    /** One upsert, waited for (the client's two-argument form sends wait=true) before the next. */
    private static int upsert(QdrantClient qdrant, String collection, List<PointStruct> points)
            throws InterruptedException, ExecutionException {
        qdrant.upsertAsync(collection, points).get();
        return points.size();
    }

    /**
     * The point cortex-sync writes for a record: id UUIDv5 of the canonical record id, the vector,
     * and as payload every other field plus the sync fields. An IllegalArgumentException when the
     * migration would dead-letter the record (no vector of {@code dim} finite numbers, a key that
     * is no string, integer or UUID, a value JSON cannot hold).
     */
    static PointStruct toPoint(Map<String, Object> record, String vectorField, int dim) {
        RecordId id = ((SurrealRecordId) record.get("id")).toRecordId();
        Object rawVector = record.get(vectorField);
        float[] vector = SurrealClient.toFloatArray(rawVector == SurrealNone.NONE ? null : rawVector);
        if (vector == null || vector.length != dim) {
            throw new IllegalArgumentException("no vector of dimension " + dim);
        }
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("a vector element is not finite");
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        record.forEach((name, value) -> {
            if (!name.equals("id") && !name.equals(vectorField)) {
                fields.put(name, jsonLike(value));
            }
        });
        // as SyncEntity holds its metadata: these values are the payload
        Map<String, Object> metadata = JsonValues.normalizeObject(fields);

        Map<String, Value> payload = new HashMap<>();
        metadata.forEach((name, value) -> {
            if (!PayloadFields.ALL.contains(name)) { // sync fields win over metadata of the same name
                payload.put(name, payloadValue(value));
            }
        });
        payload.put(PayloadFields.SURREAL_ID, ValueFactory.value(id.canonical()));
        payload.put(PayloadFields.TABLE, ValueFactory.value(id.table()));
        return PointStruct.newBuilder()
                .setId(PointIdFactory.id(PointIds.pointId(id)))
                .setVectors(VectorsFactory.vectors(vector))
                .putAllPayload(payload)
                .build();
    }

    /** SurrealDB values as JSON-like Java values, as SyncEntityMapping reads them: types JSON lacks become text. */
    private static Object jsonLike(Object value) {
        if (value == null || value == SurrealNone.NONE) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double
                || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof SurrealTable table) {
            return table.name();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), jsonLike(v)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(jsonLike(item)));
            return out;
        }
        return String.valueOf(value); // record ids, datetimes, durations, UUIDs: their text
    }

    /** A normalized JSON-like value (null, String, Boolean, Long, BigInteger, Double, List, Map) as a payload value. */
    private static Value payloadValue(Object value) {
        if (value == null) {
            return ValueFactory.nullValue();
        }
        if (value instanceof String s) {
            return ValueFactory.value(s);
        }
        if (value instanceof Boolean b) {
            return ValueFactory.value(b);
        }
        if (value instanceof Long l) {
            return ValueFactory.value(l);
        }
        if (value instanceof Double d) {
            return ValueFactory.value(d);
        }
        if (value instanceof List<?> items) {
            List<Value> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(payloadValue(item)));
            return ValueFactory.list(out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Value> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, payloadValue(v)));
            return ValueFactory.value(out);
        }
        throw new IllegalArgumentException("no payload value: " + value); // integers beyond 64 bits
    }

    /** The failure and, when it says more, its root cause (e.g. gRPC's UNAVAILABLE and the refused connection). */
    private static String oneLine(Throwable e) {
        Throwable failure = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = messageOf(failure) + (root == failure ? "" : " (" + messageOf(root) + ")");
        return message.replaceAll("\\s+", " ").trim();
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The command line; {@code --name value} or {@code --name=value}. */
    record Options(String surrealUrl, String surrealNs, String surrealDb, String surrealUser, String surrealPass,
            String table, String qdrantHost, int qdrantPort, String collection, int dim, String vectorField,
            int pageSize, int batchSize) {

        private static final List<String> NAMES = List.of("surreal-url", "surreal-ns", "surreal-db", "surreal-user",
                "surreal-pass", "table", "qdrant-host", "qdrant-port", "collection", "dim", "vector-field",
                "page-size", "batch-size");

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "; options: --" + String.join(", --", NAMES));
                }
                if (eq < 0 && i + 1 == args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                given.put(name, eq < 0 ? args[++i] : arg.substring(eq + 1));
            }
            if (given.containsKey("surreal-user") != given.containsKey("surreal-pass")) {
                throw new IllegalArgumentException("give both --surreal-user and --surreal-pass, or neither");
            }
            return new Options(required(given, "surreal-url"), required(given, "surreal-ns"), required(given, "surreal-db"),
                    given.get("surreal-user"), given.get("surreal-pass"), required(given, "table"),
                    given.getOrDefault("qdrant-host", "127.0.0.1"), number(given, "qdrant-port", 6334),
                    required(given, "collection"), number(given, "dim", 0), given.getOrDefault("vector-field", "vector"),
                    number(given, "page-size", 256), number(given, "batch-size", 256));
        }

        private static String required(Map<String, String> given, String name) {
            String value = given.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value;
        }

        /** A positive integer; {@code fallback} 0 makes the option required. */
        private static int number(Map<String, String> given, String name, int fallback) {
            String text = fallback == 0 ? required(given, name) : given.getOrDefault(name, String.valueOf(fallback));
            try {
                int value = Integer.parseInt(text.trim());
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw new IllegalArgumentException("--" + name + " must be a positive integer, got '" + text + "'");
        }
    }
}
