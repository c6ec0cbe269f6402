package io.cortexsync.cli.reconcile;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.cli.migrate.MigrationVerifier;
import io.cortexsync.cli.migrate.VerificationResult;
import io.cortexsync.jobs.reconcile.ReconcileSettings;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.RepairRecord.Kind;
import io.cortexsync.schema.model.SyncEvent;
import io.cortexsync.schema.model.TargetPointId;
import io.cortexsync.testkit.kafka.EmbeddedKafka;
import io.cortexsync.testkit.kafka.TopicReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcile --once} on the real engine and the Qdrant server after a clean migration of two
 * tables into one collection, with drift of every kind planted in the one reconciled: it finds
 * exactly the planted set (no more, no less) and writes nothing; {@code --repair} repairs each
 * (REPAIRED events and repair records on Kafka, read committed); a second pass is clean and the
 * migration verifier agrees.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ReconcileCommandITCase {

    private static final String NS = "reconcile_it";
    private static final String TABLE = "docs";
    private static final String OTHER_TABLE = "notes";
    private static final String COLLECTION = "reconcile_docs";
    private static final int RECORDS = 20_000;
    private static final int OTHER_RECORDS = 40;
    private static final int DIM = 8;
    private static final String HOSTILE_KEY = "x⟩; REMOVE TABLE docs; --";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static MigrationTestStores stores;
    private static EmbeddedKafka kafka;
    /** Point id to the kind of difference planted there. */
    private static final Map<TargetPointId, Kind> planted = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    /** The point whose vector alone was changed. */
    private static TargetPointId vectorOnly;

    @BeforeAll
    static void migrateThenPlantDrift() throws Exception {
        stores = MigrationTestStores.start("reconcile");
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
        stores.load(NS, TABLE, RECORDS, DIM, true);
        stores.load(NS, OTHER_TABLE, OTHER_RECORDS, DIM, false);
        List<String> migrate = new ArrayList<>(stores.args(NS, COLLECTION, TABLE, OTHER_TABLE));
        migrate.addAll(List.of("--checkpoint-dir", work.resolve("migrate-checkpoints").toString(),
                "--dead-letter", work.resolve("migrate-dead-letter.jsonl").toString()));
        MigrationTestStores.Run migration = MigrationTestStores.migrate(migrate);
        assertThat(migration.exitCode()).as(migration.err()).isZero();

        try (QdrantConnection qdrant = stores.qdrantConnection(); SurrealClient surreal = stores.surrealClient(NS)) {
            // MISSING_VECTOR: points deleted (one of a unicode key)
            for (int i : new int[] {10, 11, 13}) {
                UUID id = pointOf(i);
                qdrant.client().deleteAsync(COLLECTION, List.of(PointIdFactory.id(id))).get(30, TimeUnit.SECONDS);
                planted.put(TargetPointId.of(id), Kind.MISSING_VECTOR);
            }
            // MISSING_VECTOR: a record with a hostile key, written to SurrealDB only
            Map<String, Object> hostile = MigrationTestStores.content(9_999, DIM);
            surreal.query("CREATE $id CONTENT $content", Map.of("id", SurrealRecordId.of(TABLE, HOSTILE_KEY), "content", hostile));
            planted.put(TargetPointId.of(PointIds.pointId(RecordId.of(TABLE, HOSTILE_KEY))), Kind.MISSING_VECTOR);
            // MISMATCH: metadata changed in SurrealDB only; the vector changed in SurrealDB only
            surreal.query("UPDATE $id SET title = $title",
                    Map.of("id", SurrealRecordId.of(TABLE, MigrationTestStores.key(20)), "title", "changed behind the sync's back"));
            planted.put(TargetPointId.of(pointOf(20)), Kind.MISMATCH);
            float[] vector = new float[DIM];
            vector[0] = 1f;
            surreal.query("UPDATE $id SET vector = $vector",
                    Map.of("id", SurrealRecordId.of(TABLE, MigrationTestStores.key(21)), "vector", vector));
            planted.put(TargetPointId.of(pointOf(21)), Kind.MISMATCH);
            // MISMATCH: the payload hash tampered in Qdrant; a hash that is no hash at all
            tamper(qdrant, pointOf(22), Map.of(PayloadFields.CONTENT_HASH, ValueFactory.value("0".repeat(32))));
            planted.put(TargetPointId.of(pointOf(22)), Kind.MISMATCH);
            tamper(qdrant, pointOf(24), Map.of(PayloadFields.CONTENT_HASH, ValueFactory.value("not a hash")));
            planted.put(TargetPointId.of(pointOf(24)), Kind.MISMATCH);
            // ORPHAN_VECTOR: a record deleted in SurrealDB only
            surreal.query("DELETE $id", Map.of("id", SurrealRecordId.of(TABLE, MigrationTestStores.key(25))));
            planted.put(TargetPointId.of(pointOf(25)), Kind.ORPHAN_VECTOR);
            // ORPHAN_VECTOR: a point naming a record that never existed, with a hostile id
            String ghost = TABLE + ":⟨ghost⟩; DELETE " + TABLE + "⟩";
            UUID ghostPoint = UUID.nameUUIDFromBytes(ghost.getBytes(StandardCharsets.UTF_8));
            upsert(qdrant, PointIdFactory.id(ghostPoint), Map.of(PayloadFields.SURREAL_ID, ValueFactory.value(ghost),
                    PayloadFields.TABLE, ValueFactory.value(TABLE), PayloadFields.CONTENT_HASH, ValueFactory.value("ab".repeat(16))));
            planted.put(TargetPointId.of(ghostPoint), Kind.ORPHAN_VECTOR);
            // ORPHAN_VECTOR: points without _surreal_id or _table, one with a numeric id
            UUID bare = new UUID(0x7fffL << 48, 42L);
            upsert(qdrant, PointIdFactory.id(bare), Map.of("note", ValueFactory.value("written by someone else")));
            planted.put(TargetPointId.of(bare), Kind.ORPHAN_VECTOR);
            upsert(qdrant, PointIdFactory.id(-2L), Map.of("note", ValueFactory.value("a numeric id past 2^63")));
            planted.put(TargetPointId.ofNumber(-2L), Kind.ORPHAN_VECTOR);
            // ORPHAN_VECTOR: a stray copy of a live record's point under another id
            UUID stray = UUID.randomUUID();
            RetrievedPoint original = retrieve(qdrant, pointOf(30));
            Map<String, Value> payload = new HashMap<>(original.getPayloadMap());
            upsert(qdrant, PointIdFactory.id(stray), payload);
            planted.put(TargetPointId.of(stray), Kind.ORPHAN_VECTOR);
            // a vector changed in Qdrant behind an intact payload: only --deep sees it
            RetrievedPoint intact = retrieve(qdrant, pointOf(40));
            upsert(qdrant, PointIdFactory.id(pointOf(40)), new HashMap<>(intact.getPayloadMap()));
            vectorOnly = TargetPointId.of(pointOf(40));
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void findsExactlyThePlantedDriftThenRepairsItAndASecondPassIsClean() throws Exception {
        long pointsBefore = stores.pointCount(COLLECTION);

        Run dry = reconcile("dry", List.of());
        System.out.println(dry.out);
        assertThat(dry.exit).as(dry.text()).isEqualTo(1);
        JsonNode report = JSON.readTree(work.resolve("dry-report.json").toFile());
        Map<TargetPointId, Kind> found = differences(report);
        assertThat(found).as(dry.text()).isEqualTo(planted);
        // one record deleted, one hostile one added; the three bad records load() plants cannot be synced
        assertThat(report.at("/total/sourceRecords").asLong()).isEqualTo(RECORDS - 1 + 1);
        assertThat(report.at("/total/unsyncableRecords").asLong()).isEqualTo(3);
        assertThat(report.at("/total/otherTablePoints").asLong()).isEqualTo(OTHER_RECORDS);
        assertThat(report.at("/perTable/" + TABLE + "/found/MISMATCH").asLong()).isEqualTo(4);
        assertThat(report.at("/total/partitionsDescended").asLong())
                .as("only partitions holding drift are descended")
                .isLessThanOrEqualTo(planted.size())
                .isLessThan(report.at("/total/partitionsCompared").asLong());
        assertThat(report.at("/total/leavesDescended").asLong()).isBetween(1L, (long) planted.size());
        for (JsonNode difference : report.get("differences")) {
            assertThat(difference.get("action").asText()).isEqualTo("NONE");
        }
        assertThat(stores.pointCount(COLLECTION)).as("a dry run writes nothing").isEqualTo(pointsBefore);
        long surrealBytes = report.at("/total/bytesRead/surrealdb").asLong();
        long qdrantBytes = report.at("/total/bytesRead/qdrant").asLong();
        System.out.printf("bytes read: SurrealDB %,d, Qdrant %,d (payload ids and hashes only)%n", surrealBytes, qdrantBytes);
        assertThat(surrealBytes).as("every record, vector included").isGreaterThan(RECORDS * 50L);
        assertThat(qdrantBytes).as("every point's id and hash").isGreaterThan(RECORDS * 60L);

        // a quarter of the partitions: exactly the planted differences in them, and the bound they give
        Run sampled = reconcile("sampled", List.of("--sample-rate", "0.25", "--sample-seed", "7"));
        System.out.println(sampled.out);
        JsonNode sample = JSON.readTree(work.resolve("sampled-report.json").toFile());
        SortedSet<Integer> partitions = ReconcileSettings.sampledPartitions(64, 0.25, 7);
        Map<TargetPointId, Kind> inSample = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        planted.forEach((id, kind) -> {
            int partition = id.isUuid() ? PointIds.partition(id.uuid(), 6) : 0;
            if (partitions.contains(partition)) {
                inSample.put(id, kind);
            }
        });
        assertThat(differences(sample)).as(sampled.text()).isEqualTo(inSample);
        assertThat(sample.at("/sampling/partitionsSampled").asInt()).isEqualTo(16);
        long checked = sample.at("/sampling/entitiesChecked").asLong();
        assertThat(checked).isBetween(RECORDS / 8L, RECORDS / 2L);
        assertThat(sample.at("/sampling/maxDifferingShare").asDouble())
                .isGreaterThan((double) inSample.size() / checked)
                .isLessThan(0.01);
        assertThat(sampled.out).contains("of entities differ, at 95% confidence");
        assertThat(sample.at("/total/bytesRead/qdrant").asLong()).as("only the sampled partitions are scrolled")
                .isLessThan(qdrantBytes / 2);

        // --deep: the planted set and the vector changed behind an intact payload
        Run deep = reconcile("deep", List.of("--deep"));
        System.out.println(deep.out);
        Map<TargetPointId, Kind> withVector = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        withVector.putAll(planted);
        withVector.put(vectorOnly, Kind.MISMATCH);
        JsonNode deepReport = JSON.readTree(work.resolve("deep-report.json").toFile());
        assertThat(differences(deepReport)).as(deep.text()).isEqualTo(withVector);
        assertThat(deepReport.at("/total/bytesRead/qdrant").asLong()).as("--deep reads the vectors too")
                .isGreaterThan(qdrantBytes);
        planted.put(vectorOnly, Kind.MISMATCH);

        Run repair = reconcile("repair", List.of("--repair", "--deep", "--kafka-bootstrap", kafka.bootstrapServers(),
                "--repairs-topic", "reconcile-repairs", "--events-topic", "reconcile-events"));
        System.out.println(repair.out);
        assertThat(repair.exit).as(repair.text()).isZero();
        JsonNode repaired = JSON.readTree(work.resolve("repair-report.json").toFile());
        assertThat(differences(repaired)).isEqualTo(planted);
        assertThat(repaired.at("/repairs/succeeded").asLong()).isEqualTo(planted.size());
        assertThat(repaired.at("/repairs/failed").asLong()).isZero();
        assertThat(repaired.at("/repairs/storeOperations").asLong())
                .as("at most a read, a re-check and a write per difference")
                .isLessThanOrEqualTo(3L * planted.size());

        List<ConsumerRecord<byte[], byte[]>> repairRecords =
                TopicReader.readAll(kafka.bootstrapServers(), "reconcile-repairs", "read_committed", Duration.ofSeconds(60));
        assertThat(repairRecords.stream().map(r -> SchemaJson.REPAIR_RECORD.read(r.value()).pointId()).collect(Collectors.toSet()))
                .isEqualTo(planted.keySet());
        assertThat(repairRecords).hasSize(planted.size());
        List<SyncEvent> events = TopicReader.readAll(kafka.bootstrapServers(), "reconcile-events", "read_committed", Duration.ofSeconds(60))
                .stream().map(r -> SchemaJson.SYNC_EVENT.read(r.value())).toList();
        assertThat(events).hasSize(planted.size()).allMatch(e -> e.type() == SyncEvent.Type.REPAIRED);

        Run again = reconcile("again", List.of("--deep"));
        System.out.println(again.out);
        assertThat(again.exit).as(again.text()).isZero();
        JsonNode clean = JSON.readTree(work.resolve("again-report.json").toFile());
        assertThat(clean.at("/total/differences").asLong()).isZero();
        assertThat(clean.at("/total/partitionsDescended").asLong()).isZero();

        List<String> verify = new ArrayList<>(stores.args(NS, COLLECTION, TABLE));
        VerificationResult verification = MigrationVerifier.verify(CortexSyncCli.parseMigrateOptions(verify.toArray(new String[0])), DIM);
        assertThat(verification.allCorrect()).as(verification.toString()).isTrue();
        assertThat(stores.pointCount(COLLECTION)).isEqualTo(RECORDS - 1 + 1 + OTHER_RECORDS);
    }

    @Test
    void wrongOptionsNameTheOption() throws Exception {
        Run partitions = reconcile("bad-partitions", List.of("--partitions", "100"));
        assertThat(partitions.exit).isEqualTo(2);
        assertThat(partitions.err).contains("--partitions");
        Run leaves = reconcile("bad-leaves", List.of("--partitions", "256", "--leaves", "128"));
        assertThat(leaves.exit).isEqualTo(2);
        assertThat(leaves.err).contains("--leaves");
        Run topic = reconcile("bad-topic", List.of("--repairs-topic", "repairs"));
        assertThat(topic.exit).isEqualTo(2);
        assertThat(topic.err).contains("--kafka-bootstrap");
        List<String> noCollection = new ArrayList<>(List.of("--collection", "no_such_collection"));
        Run missing = reconcile("no-collection", noCollection);
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("--collection").contains("no_such_collection");
    }

    private static Map<TargetPointId, Kind> differences(JsonNode report) {
        Map<TargetPointId, Kind> found = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (JsonNode difference : report.get("differences")) {
            RepairRecord record = SchemaJson.REPAIR_RECORD.read(difference.toString());
            assertThat(found.put(record.pointId(), record.kind())).as("reported twice: " + record).isNull();
        }
        return found;
    }

    private static UUID pointOf(int i) {
        String key = MigrationTestStores.key(i);
        return PointIds.pointId(TABLE + ":" + (key.matches("[A-Za-z0-9_]+") ? key : "⟨" + key + "⟩"));
    }

    private static RetrievedPoint retrieve(QdrantConnection qdrant, UUID id) throws Exception {
        List<RetrievedPoint> points = qdrant.client().retrieveAsync(COLLECTION, List.of(PointIdFactory.id(id)), true, true, null)
                .get(30, TimeUnit.SECONDS);
        assertThat(points).as("point " + id).hasSize(1);
        return points.get(0);
    }

    /** Rewrites a point with some payload values replaced, vector kept. */
    private static void tamper(QdrantConnection qdrant, UUID id, Map<String, Value> changes) throws Exception {
        RetrievedPoint point = retrieve(qdrant, id);
        Map<String, Value> payload = new HashMap<>(point.getPayloadMap());
        payload.putAll(changes);
        upsert(qdrant, PointIdFactory.id(id), payload);
    }

    private static void upsert(QdrantConnection qdrant, PointId id, Map<String, Value> payload) throws Exception {
        SplittableRandom random = new SplittableRandom(id.hashCode());
        List<Float> vector = new ArrayList<>();
        for (int d = 0; d < DIM; d++) {
            vector.add((float) random.nextDouble());
        }
        PointStruct point = PointStruct.newBuilder().setId(id).setVectors(VectorsFactory.vectors(vector)).putAllPayload(payload).build();
        qdrant.client().upsertAsync(COLLECTION, List.of(point)).get(30, TimeUnit.SECONDS);
    }

    private static Run reconcile(String name, List<String> more) {
        List<String> args = new ArrayList<>(stores.args(NS, COLLECTION, TABLE));
        int collection = more.indexOf("--collection");
        if (collection >= 0) {
            int at = args.indexOf("--collection");
            args.subList(at, at + 2).clear();
        }
        args.addAll(List.of("--checkpoint-dir", work.resolve(name + "-checkpoints").toString(),
                "--findings", work.resolve(name + "-findings.jsonl").toString(),
                "--dead-letter", work.resolve(name + "-dead-letter.jsonl").toString(),
                "--report", work.resolve(name + "-report.json").toString(),
                "--partitions", "64"));
        int partitions = more.indexOf("--partitions");
        if (partitions >= 0) {
            int at = args.lastIndexOf("--partitions");
            args.subList(at, at + 2).clear();
        }
        args.addAll(more);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] argv = args.toArray(new String[0]);
        CommandLine cli = CortexSyncCli.commandLine(new ReconcileCommand(outStream, errStream), argv);
        cli.setErr(new PrintWriter(errStream, true));
        cli.setOut(new PrintWriter(outStream, true));
        int exit = cli.execute(argv);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
        String text() {
            return "exit " + exit + "\nout: " + out + "\nerr: " + err;
        }
    }
}
