package io.cortexsync.cli.reconcile;

import io.cortexsync.cli.run.ReportJson;
import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.jobs.reconcile.SamplingBound;
import io.cortexsync.schema.json.SchemaJson;
import io.cortexsync.schema.model.RepairRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.JobStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a reconciliation found and did: per table and in all, records and points read,
 * differences by kind, partitions and leaves compared and descended, repairs attempted,
 * succeeded, skipped and failed, and every difference as its repair record. The differences come
 * from the merged part files (exact across restores); the read and walk figures are the job's
 * counters, which cover its last attempt.
 */
public final class ReconcileReport {

    private static final ObjectMapper JSON = ReportJson.mapper();

    private final JobStatus state;
    private final String syncId;
    private final String collection;
    private final List<String> tables;
    private final boolean repair;
    private final Sampling sampling;
    private final Map<String, Object> counters;
    private final List<RepairRecord> differences;
    private final long durationMs;
    private final long checkpoints;
    private final String resumedFrom;
    private final String error;
    private Continuous continuous;

    public ReconcileReport(JobStatus state, String syncId, String collection, List<String> tables, boolean repair,
            Sampling sampling, Map<String, Object> counters, List<RepairRecord> differences, long durationMs, long checkpoints,
            String resumedFrom, String error) {
        this.state = state;
        this.syncId = syncId;
        this.collection = collection;
        this.tables = List.copyOf(tables);
        this.repair = repair;
        this.sampling = sampling;
        this.counters = Map.copyOf(counters);
        this.differences = List.copyOf(differences);
        this.durationMs = durationMs;
        this.checkpoints = checkpoints;
        this.resumedFrom = resumedFrom;
        this.error = error;
    }

    public boolean finished() {
        return state == JobStatus.FINISHED;
    }

    public long durationMs() {
        return durationMs;
    }

    public List<RepairRecord> differences() {
        return differences;
    }

    public long counter(String name) {
        return JobCounters.asLong(counters.get(name));
    }

    /** Differences not repaired in this run: all of them in a dry run. */
    public long unrepaired() {
        return repair ? Math.max(0, differences.size() - counter(ReconcileCounters.REPAIRS_SUCCEEDED)) : differences.size();
    }

    /** The stores agree, or every difference was repaired: exit code 0. */
    public boolean ok() {
        return finished() && unrepaired() == 0;
    }

    public String summary() {
        return "reconcile " + syncId + ": " + state + ", " + counter(ReconcileCounters.SOURCE_RECORDS) + " records and "
                + counter(ReconcileCounters.TARGET_POINTS) + " points compared, " + differences.size() + " differences "
                + byKind(null) + (repair ? ", " + counter(ReconcileCounters.REPAIRS_SUCCEEDED) + " repaired, "
                        + counter(ReconcileCounters.REPAIRS_SKIPPED) + " left for the next pass, "
                        + counter(ReconcileCounters.REPAIRS_FAILED) + " failed" : " (dry run: nothing repaired)")
                + " in " + durationMs + " ms"
                + (sampling == null ? "" : "; " + sampling.partitions() + " of " + sampling.allPartitions()
                        + " partitions sampled: " + samplingStatement());
    }

    /** The share of differing entities the sample bounds, at {@link SamplingBound#CONFIDENCE}. */
    public double maxDifferingShare() {
        return SamplingBound.upperShare(differences.size(),
                Math.max(counter(ReconcileCounters.SOURCE_RECORDS), counter(ReconcileCounters.TARGET_POINTS)));
    }

    private String samplingStatement() {
        return String.format(Locale.ROOT, "no more than %.4f%% of entities differ, at %d%% confidence",
                100 * maxDifferingShare(), Math.round(100 * SamplingBound.CONFIDENCE));
    }

    /**
     * Marks the report as a continuous run's, which ended with {@code savepoint} (null when it did
     * not stop with one) after rescanning {@code partitions} partitions once per cycle.
     */
    public ReconcileReport continuous(int partitions, Duration cycle, String savepoint) {
        this.continuous = new Continuous(partitions, cycle, savepoint);
        return this;
    }

    private record Continuous(int partitions, Duration cycle, String savepoint) {}

    /** Bytes the SurrealDB side read: its source's responses. */
    public long sourceBytesRead() {
        return bytesReadBy("SurrealDB");
    }

    /** Bytes the Qdrant side read: its source's scroll pages, and a continuous run's rescans and re-checks. */
    public long targetBytesRead() {
        return bytesReadBy("Qdrant") + counter(ReconcileCounters.TARGET_BYTES_READ);
    }

    /** What the sources named after {@code store} read ({@code bytesRead.Source: <store> ...}). */
    private long bytesReadBy(String store) {
        long bytes = 0;
        for (Map.Entry<String, Object> counter : counters.entrySet()) {
            String operator = counter.getKey().startsWith(JobCounters.BYTES_READ_PREFIX)
                    ? counter.getKey().substring(JobCounters.BYTES_READ_PREFIX.length()).replaceFirst("^Source: ", "") : "";
            if (operator.startsWith(store + " ")) {
                bytes += JobCounters.asLong(counter.getValue());
            }
        }
        return bytes;
    }

    /** A sampled run: how many partitions it compared of how many, chosen by which seed. */
    public record Sampling(double rate, int partitions, int allPartitions, long seed) {}

    private Map<String, Long> byKind(String table) {
        Map<String, Long> kinds = new TreeMap<>();
        for (RepairRecord.Kind kind : RepairRecord.Kind.values()) {
            kinds.put(kind.name(), differences.stream()
                    .filter(d -> d.kind() == kind && (table == null || table.equals(tableOf(d))))
                    .count());
        }
        return kinds;
    }

    private static String tableOf(RepairRecord difference) {
        return difference.table() == null ? ReconcileCounters.NO_TABLE : difference.table();
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", state.name());
        root.put("syncId", syncId);
        root.put("collection", collection);
        ArrayNode tableArray = root.putArray("tables");
        tables.forEach(tableArray::add);
        root.put("mode", continuous == null ? "once" : "continuous");
        root.put("repair", repair);
        ObjectNode total = root.putObject("total");
        total.put("sourceRecords", counter(ReconcileCounters.SOURCE_RECORDS));
        total.put("targetPoints", counter(ReconcileCounters.TARGET_POINTS));
        total.put("unsyncableRecords", counter(ReconcileCounters.UNSYNCABLE));
        total.put("otherTablePoints", counter(ReconcileCounters.OTHER_TABLE_POINTS));
        total.put("partitionsCompared", counter(ReconcileCounters.PARTITIONS_COMPARED));
        total.put("partitionsDescended", counter(ReconcileCounters.PARTITIONS_DESCENDED));
        total.put("nodesCompared", counter(ReconcileCounters.NODES_COMPARED));
        total.put("leavesDescended", counter(ReconcileCounters.LEAVES_DESCENDED));
        ObjectNode bytes = total.putObject("bytesRead");
        bytes.put("surrealdb", sourceBytesRead());
        bytes.put("qdrant", targetBytesRead());
        total.put("differences", differences.size());
        ObjectNode found = total.putObject("found");
        byKind(null).forEach(found::put);
        ObjectNode perTable = root.putObject("perTable");
        TreeSet<String> names = new TreeSet<>(tables);
        differences.forEach(d -> names.add(tableOf(d)));
        for (String table : names) {
            ObjectNode t = perTable.putObject(table);
            t.put("sourceRecords", counter(ReconcileCounters.perTable(ReconcileCounters.SOURCE_RECORDS, table)));
            t.put("targetPoints", counter(ReconcileCounters.perTable(ReconcileCounters.TARGET_POINTS, table)));
            ObjectNode kinds = t.putObject("found");
            byKind(table).forEach(kinds::put);
        }
        if (continuous != null) {
            ObjectNode run = root.putObject("continuous");
            long scans = counter(ReconcileCounters.PARTITION_SCANS);
            run.put("cycleMs", continuous.cycle().toMillis());
            run.put("partitionScans", scans);
            run.put("cycles", (double) scans / continuous.partitions());
            run.put("resolvedWithinGrace", counter(ReconcileCounters.RESOLVED_WITHIN_GRACE));
            run.put("absentByBloom", counter(ReconcileCounters.ABSENT_BY_BLOOM));
            run.put("sideReadsSaved", counter(ReconcileCounters.SIDE_READS_SAVED));
            run.put("savepoint", continuous.savepoint());
        }
        ObjectNode repairs = root.putObject("repairs");
        repairs.put("attempted", counter(ReconcileCounters.REPAIRS_ATTEMPTED));
        repairs.put("succeeded", counter(ReconcileCounters.REPAIRS_SUCCEEDED));
        repairs.put("skipped", counter(ReconcileCounters.REPAIRS_SKIPPED));
        repairs.put("failed", counter(ReconcileCounters.REPAIRS_FAILED));
        repairs.put("storeOperations", counter(ReconcileCounters.REPAIR_STORE_OPERATIONS));
        if (sampling != null) {
            ObjectNode sample = root.putObject("sampling");
            sample.put("rate", sampling.rate());
            sample.put("partitionsSampled", sampling.partitions());
            sample.put("partitions", sampling.allPartitions());
            sample.put("seed", sampling.seed());
            sample.put("entitiesChecked", Math.max(counter(ReconcileCounters.SOURCE_RECORDS), counter(ReconcileCounters.TARGET_POINTS)));
            sample.put("maxDifferingShare", maxDifferingShare());
            sample.put("confidence", SamplingBound.CONFIDENCE);
            sample.put("statement", samplingStatement());
        }
        root.put("unrepaired", unrepaired());
        root.put("durationMs", durationMs);
        root.put("checkpoints", checkpoints);
        if (resumedFrom != null) {
            root.put("resumedFrom", resumedFrom);
        }
        if (error != null) {
            root.put("error", error);
        }
        ArrayNode list = root.putArray("differences");
        for (RepairRecord difference : differences) {
            list.add(readTree(SchemaJson.REPAIR_RECORD.writeString(difference)));
        }
        return root;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toJsonText() {
        return ReportJson.text(toJson());
    }

    public void writeTo(Path file) throws IOException {
        ReportJson.write(toJson(), file);
    }
}
