package io.cortexsync.jobs.reconcile.compare;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.jobs.common.GaugedCounters;
import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.jobs.reconcile.digest.LeafDigests;
import io.cortexsync.jobs.reconcile.digest.MerkleTree;
import io.cortexsync.jobs.reconcile.element.Side;
import io.cortexsync.jobs.reconcile.element.SideElement;
import io.cortexsync.jobs.reconcile.element.TableCounters;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.TargetPointId;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One partition of a continuous reconciliation, keyed by partition. The SurrealDB side lives in
 * keyed state and is kept current by the change feed's elements (first input), so SurrealDB is
 * never read again. Once every table's snapshot is in its state (second input: the source's
 * snapshot-done markers, told to every partition), a partition places its rescans: partition p
 * of P is rescanned at {@code p/P} of every cycle, so nothing is called missing that has simply
 * not been read yet. A rescan reads the partition from
 * Qdrant, compares the Merkle trees of the two sides and, where they differ, the leaves' elements.
 * What differs is not reported yet: a difference must outlive the grace period, so a re-check
 * one grace later reads those points again and compares them with the SurrealDB side as it is
 * then; what a sync has caught up with meanwhile is dropped. A difference is reported once; if it
 * is later resolved and comes back, it is reported again.
 */
public final class ContinuousReconciler
        extends KeyedCoProcessFunction<Integer, SideElement, Tuple2<Integer, String>, RepairRecord> {

    private static final long serialVersionUID = 1L;
    private static final long REPORTED = -1L;
    private static final Duration QDRANT_TIMEOUT = Duration.ofSeconds(30);
    private static final int PAGE_SIZE = 256;

    private final QdrantConnectionConfig qdrantConfig;
    private final String collection;
    private final Set<String> tables;
    private final int partitionBits;
    private final int leafBits;
    private final long cycleMs;
    private final long graceMs;
    private final boolean repair;
    private final double bloomFalsePositiveRate;

    private transient LeafState source;
    private transient SourceIdFilter sourceIds;
    /** When this partition is rescanned next; none before every table's snapshot is in. */
    private transient ValueState<Long> nextScan;
    /** The tables whose snapshot is complete in this partition's state. */
    private transient MapState<String, Boolean> snapshotsDone;
    /** Point id -> when the difference was first seen, or {@link #REPORTED}. */
    private transient MapState<String, Long> pending;
    private transient QdrantConnection qdrant;
    private transient PartitionScan scanner;
    private transient LongCounter scans;
    private transient TableCounters pointsRead;
    private transient LongCounter nodesCompared;
    private transient LongCounter leavesDescended;
    private transient LongCounter withinGrace;
    private transient LongCounter absentByBloom;
    private transient LongCounter bytesRead;
    private transient long bytesCounted;
    private transient LongCounter sideReadsSaved;
    /** This subtask's partitions' last rescans: partition -> {entities, differing}; for the gauges, not state. */
    private transient Map<Integer, long[]> lastScans;

    public ContinuousReconciler(QdrantConnectionConfig qdrantConfig, String collection, List<String> tables,
            int partitionBits, int leafBits, Duration cycle, Duration grace, boolean repair, double bloomFalsePositiveRate) {
        this.qdrantConfig = qdrantConfig;
        this.collection = collection;
        this.tables = Set.copyOf(tables);
        this.partitionBits = partitionBits;
        this.leafBits = leafBits;
        this.cycleMs = cycle.toMillis();
        this.graceMs = grace.toMillis();
        this.repair = repair;
        this.bloomFalsePositiveRate = bloomFalsePositiveRate;
    }

    @Override
    public void open(OpenContext openContext) {
        source = new LeafState(getRuntimeContext(), Side.SOURCE);
        sourceIds = new SourceIdFilter(getRuntimeContext(), bloomFalsePositiveRate);
        nextScan = getRuntimeContext().getState(new ValueStateDescriptor<>("next-scan", Types.LONG));
        snapshotsDone = getRuntimeContext().getMapState(new MapStateDescriptor<>("snapshots-done", Types.STRING, Types.BOOLEAN));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-differences", Types.STRING, Types.LONG));
        qdrant = QdrantConnection.open(qdrantConfig);
        scanner = new PartitionScan(qdrant, collection, PAGE_SIZE, QDRANT_TIMEOUT, partitionBits, leafBits, tables);
        scans = counter(ReconcileCounters.PARTITION_SCANS);
        pointsRead = new TableCounters(getRuntimeContext(), ReconcileCounters.TARGET_POINTS);
        nodesCompared = counter(ReconcileCounters.NODES_COMPARED);
        leavesDescended = counter(ReconcileCounters.LEAVES_DESCENDED);
        withinGrace = counter(ReconcileCounters.RESOLVED_WITHIN_GRACE);
        absentByBloom = counter(ReconcileCounters.ABSENT_BY_BLOOM);
        bytesRead = counter(ReconcileCounters.TARGET_BYTES_READ);
        sideReadsSaved = counter(ReconcileCounters.SIDE_READS_SAVED);
        lastScans = new java.util.concurrent.ConcurrentHashMap<>();
        getRuntimeContext().getMetricGroup().gauge(ReconcileCounters.DIFFERING_POINTS,
                () -> lastScans.values().stream().mapToLong(scan -> scan[1]).sum());
        getRuntimeContext().getMetricGroup().gauge(ReconcileCounters.CONSISTENCY_RATE, this::consistencyRate);
    }

    private LongCounter counter(String name) {
        return GaugedCounters.of(getRuntimeContext(), name);
    }

    @Override
    public void processElement1(SideElement record, Context ctx, Collector<RepairRecord> out) throws Exception {
        source.apply(record);
        sourceIds.put(record, source);
    }

    @Override
    public void processElement2(Tuple2<Integer, String> snapshotDone, Context ctx, Collector<RepairRecord> out) throws Exception {
        snapshotsDone.put(snapshotDone.f1, true);
        for (String table : tables) {
            if (!snapshotsDone.contains(table)) {
                return;
            }
        }
        if (nextScan.value() == null) {
            int partition = snapshotDone.f0;
            long first = ctx.timerService().currentProcessingTime() + cycleMs * partition / (1L << partitionBits);
            nextScan.update(first);
            ctx.timerService().registerProcessingTimeTimer(first);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RepairRecord> out) throws Exception {
        Long scanAt = nextScan.value();
        if (scanAt != null && timestamp >= scanAt) {
            rescan(ctx.getCurrentKey(), timestamp, ctx, out);
            nextScan.update(scanAt + cycleMs);
            ctx.timerService().registerProcessingTimeTimer(scanAt + cycleMs);
        }
        recheck(ctx.getCurrentKey(), timestamp, out);
    }

    /** Reads the partition from Qdrant and notes what differs from the SurrealDB side. */
    private void rescan(int partition, long now, OnTimerContext ctx, Collector<RepairRecord> out) throws Exception {
        List<SideElement> points = scanner.scan(partition);
        countBytes();
        scans.add(1L);
        int leaves = 1 << leafBits;
        LeafDigests target = new LeafDigests(leaves);
        Map<Integer, List<SideElement>> byLeaf = new HashMap<>();
        for (SideElement point : points) {
            pointsRead.count(point.table);
            target.add(point.leaf, point.elementHash());
            byLeaf.computeIfAbsent(point.leaf, l -> new ArrayList<>()).add(point);
        }
        LeafDigests records = source.digests(leaves);
        MerkleTree.Difference difference = MerkleTree.differingLeaves(MerkleTree.of(records), MerkleTree.of(target));
        nodesCompared.add((long) difference.nodesCompared());
        Set<String> differing = new HashSet<>();
        SourceIdFilter.Snapshot ids = difference.leaves().isEmpty() ? null : sourceIds.read();
        for (int leaf : difference.leaves()) {
            leavesDescended.add(1L);
            List<SideElement> leafPoints = byLeaf.getOrDefault(leaf, List.of());
            for (RepairRecord found : compareLeaf(partition, leaf, records, target, leafPoints, ids, now)) {
                String id = found.pointId().toString();
                differing.add(id);
                if (!pending.contains(id)) {
                    pending.put(id, now);
                }
            }
        }
        // what no longer differs is resolved, reported or not
        List<String> resolved = new ArrayList<>();
        for (Map.Entry<String, Long> entry : pending.entries()) {
            if (!differing.contains(entry.getKey())) {
                resolved.add(entry.getKey());
                if (entry.getValue() != REPORTED) {
                    withinGrace.add(1L);
                }
            }
        }
        for (String id : resolved) {
            pending.remove(id);
        }
        if (!differing.isEmpty()) {
            ctx.timerService().registerProcessingTimeTimer(now + graceMs);
        }
        lastScans.put(partition, new long[] {Math.max(records.total(), points.size()), differing.size()});
    }

    /**
     * One differing leaf. The points the Bloom filter calls absent are orphans for certain; when
     * taking them out leaves the Qdrant side's digest equal to the SurrealDB side's, they are the
     * whole difference and the SurrealDB side's leaf is not read.
     */
    private List<RepairRecord> compareLeaf(int partition, int leaf, LeafDigests records, LeafDigests target,
            List<SideElement> points, SourceIdFilter.Snapshot ids, long now) throws Exception {
        List<SideElement> absent = new ArrayList<>();
        long count = target.count(leaf);
        long sum = target.sum(leaf);
        for (SideElement point : points) {
            if (!ids.mightContain(point)) {
                absent.add(point);
                count--;
                sum -= point.elementHash();
                if (!point.numericId) {
                    absentByBloom.add(1L);
                }
            }
        }
        if (!absent.isEmpty() && count == records.count(leaf) && sum == records.sum(leaf)) {
            sideReadsSaved.add(1L);
            return LeafComparison.compare(List.of(), absent, partition, Instant.ofEpochMilli(now), repair);
        }
        return LeafComparison.compare(source.elements(partition, leaf), points, partition, Instant.ofEpochMilli(now), repair);
    }

    private void countBytes() {
        bytesRead.add(scanner.bytesRead() - bytesCounted);
        bytesCounted = scanner.bytesRead();
    }

    /** The share of entities that agree, over this subtask's partitions' last rescans; 1 before any. */
    private double consistencyRate() {
        long entities = 0;
        long differing = 0;
        for (long[] scan : lastScans.values()) {
            entities += scan[0];
            differing += scan[1];
        }
        return entities == 0 ? 1.0 : 1.0 - (double) Math.min(differing, entities) / entities;
    }

    /** Reports the differences seen at least a grace period ago that are still there. */
    private void recheck(int partition, long now, Collector<RepairRecord> out) throws Exception {
        List<TargetPointId> due = new ArrayList<>();
        for (Map.Entry<String, Long> entry : pending.entries()) {
            if (entry.getValue() != REPORTED && entry.getValue() + graceMs <= now) {
                due.add(TargetPointId.parse(entry.getKey()));
            }
        }
        if (due.isEmpty()) {
            return;
        }
        Map<TargetPointId, SideElement> points = new HashMap<>();
        for (SideElement point : scanner.retrieve(due)) {
            points.put(point.pointId(), point);
        }
        countBytes();
        SourceIdFilter.Snapshot ids = sourceIds.read();
        for (TargetPointId id : due) {
            SideElement point = points.get(id);
            List<SideElement> records = new ArrayList<>();
            SideElement probe = point != null ? point : SideElement.of(Side.TARGET, id, null, null, null, partitionBits, leafBits);
            if (!ids.mightContain(probe)) {
                // no record has this point: nothing to read
                if (!probe.numericId) {
                    absentByBloom.add(1L);
                    sideReadsSaved.add(1L);
                }
            } else {
                for (SideElement record : source.elements(partition, probe.leaf)) {
                    if (record.sameId(probe)) {
                        records.add(record);
                    }
                }
            }
            List<RepairRecord> still = LeafComparison.compare(records, point == null ? List.of() : List.of(point),
                    partition, Instant.ofEpochMilli(now), repair);
            if (still.isEmpty()) {
                withinGrace.add(1L);
                pending.remove(id.toString());
            } else {
                still.forEach(out::collect);
                pending.put(id.toString(), REPORTED);
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (qdrant != null) {
            qdrant.close();
        }
    }
}
