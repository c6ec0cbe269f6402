package io.cortexsync.cli.chaos;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.RepairRecord.Kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Points.PointStruct;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Drift planted in a migrated table ({@code e-000000}… records) and its collection for {@code
 * reconcile}'s rows: 20 points deleted, 20 records changed in SurrealDB only, 20 orphan points;
 * and the row of a run's report against it.
 */
public final class PlantedDrift {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlantedDrift() {}

    /** Plants the 60 differences; returns point id → the kind reconcile must report. */
    public static Map<String, Kind> plant(SurrealClient surreal, QdrantConnection qdrant, String table, String collection,
            int records, int dim) throws Exception {
        Map<String, Kind> planted = new TreeMap<>();
        int step = records / 40;
        for (int n = 0; n < 20; n++) {
            UUID point = pointOf(table, n * step);
            qdrant.client().deleteAsync(collection, List.of(PointIdFactory.id(point))).get(30, TimeUnit.SECONDS);
            planted.put(point.toString(), Kind.MISSING_VECTOR);
        }
        for (int n = 0; n < 20; n++) {
            int i = (20 + n) * step;
            surreal.query("UPDATE $id SET title = $title",
                    Map.of("id", SurrealRecordId.of(table, FaultedStores.key(i)), "title", "changed " + n));
            planted.put(pointOf(table, i).toString(), Kind.MISMATCH);
        }
        List<PointStruct> orphans = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            UUID id = UUID.nameUUIDFromBytes((table + "-orphan-" + n).getBytes(StandardCharsets.UTF_8));
            List<Float> vector = new ArrayList<>();
            for (int d = 0; d < dim; d++) {
                vector.add((float) (d + n + 1));
            }
            orphans.add(PointStruct.newBuilder().setId(PointIdFactory.id(id)).setVectors(VectorsFactory.vectors(vector))
                    .putPayload(PayloadFields.SURREAL_ID, ValueFactory.value(table + ":ghost_" + n))
                    .putPayload(PayloadFields.TABLE, ValueFactory.value(table)).build());
            planted.put(id.toString(), Kind.ORPHAN_VECTOR);
        }
        qdrant.client().upsertAsync(collection, orphans).get(30, TimeUnit.SECONDS);
        return planted;
    }

    private static UUID pointOf(String table, int i) {
        return PointIds.pointId(RecordId.of(table, FaultedStores.key(i)));
    }

    /**
     * The fault row of a reconcile run: its report's differences against the planted ones (missed is
     * lost, another kind is wrong, unplanted is extra, reported twice is duplicated); the stores'
     * columns do not apply.
     */
    public static FaultRow row(String fault, String outcome, Map<String, Kind> planted, Path report, double recoverSeconds)
            throws IOException {
        Map<String, Integer> times = new TreeMap<>();
        Map<String, Kind> found = new TreeMap<>();
        for (JsonNode difference : JSON.readTree(report.toFile()).path("differences")) {
            RepairRecord record = SchemaJson.REPAIR_RECORD.read(difference.toString());
            times.merge(record.pointId().toString(), 1, Integer::sum);
            found.put(record.pointId().toString(), record.kind());
        }
        long lost = planted.keySet().stream().filter(id -> !found.containsKey(id)).count();
        long wrong = planted.entrySet().stream().filter(e -> found.containsKey(e.getKey()) && found.get(e.getKey()) != e.getValue()).count();
        long extra = found.keySet().stream().filter(id -> !planted.containsKey(id)).count();
        long duplicated = times.values().stream().mapToLong(n -> n - 1).sum();
        return new FaultRow("reconcile", fault, outcome, planted.size(), -1, -1, wrong, extra, lost, duplicated, recoverSeconds);
    }
}
