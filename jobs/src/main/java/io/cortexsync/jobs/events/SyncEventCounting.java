package io.cortexsync.jobs.events;

import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.schema.model.SyncEvent;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the sync events on their way out: {@link JobCounters#SYNCED} (in all and per table) and its
 * deletes as accumulators and metrics, the latest commit and sync times (from which the command line shows
 * the lag), and the metrics {@code commitToQdrantLatencyMs} (a histogram over the last changes)
 * and {@code lastCommitToQdrantMs} (the last change's). Passes every event on.
 */
public final class SyncEventCounting extends ProcessFunction<SyncEvent, SyncEvent> {

    private static final long serialVersionUID = 1L;

    /** The detail of a SYNCED event whose change was a delete, as every job writes it. */
    public static final String DELETED = "deleted";

    /** The detail of a SYNCED event whose change was an upsert. */
    public static final String UPSERTED = "upserted";
    private static final int LATENCY_WINDOW = 1000;

    private transient LongCounter synced;
    private transient LongCounter syncedDeletes;
    private transient LongMaximum lastSyncedAt;
    private transient LongMaximum lastCommit;
    private transient Counter syncedMetric;
    private transient Histogram latency;
    private transient volatile long lastLatencyMs;
    private transient Map<String, LongCounter> syncedByTable;

    @Override
    public void open(OpenContext openContext) {
        synced = getRuntimeContext().getLongCounter(JobCounters.SYNCED);
        syncedDeletes = getRuntimeContext().getLongCounter(JobCounters.SYNCED_DELETES);
        lastSyncedAt = new LongMaximum(0L);
        lastCommit = new LongMaximum(0L);
        getRuntimeContext().addAccumulator(JobCounters.LAST_SYNCED_AT_MS, lastSyncedAt);
        getRuntimeContext().addAccumulator(JobCounters.LAST_COMMIT_MS, lastCommit);
        syncedMetric = getRuntimeContext().getMetricGroup().counter(JobCounters.SYNCED);
        syncedByTable = new HashMap<>();
        latency = getRuntimeContext().getMetricGroup().histogram(
                "commitToQdrantLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        getRuntimeContext().getMetricGroup().gauge("lastCommitToQdrantMs", () -> lastLatencyMs);
    }

    @Override
    public void processElement(SyncEvent event, Context ctx, Collector<SyncEvent> out) {
        if (event.type() == SyncEvent.Type.SYNCED) {
            synced.add(1L);
            syncedMetric.inc();
            String entity = event.entityId();
            int colon = entity == null ? -1 : entity.indexOf(':');
            if (colon > 0) {
                syncedByTable.computeIfAbsent(entity.substring(0, colon),
                        table -> getRuntimeContext().getLongCounter(JobCounters.SYNCED_PREFIX + table)).add(1L);
            }
            if (DELETED.equals(event.detail())) {
                syncedDeletes.add(1L);
            }
            long syncedAt = event.time().toEpochMilli();
            lastSyncedAt.add(syncedAt);
            lastCommit.add(syncedAt - event.latencyMs());
            latency.update(event.latencyMs());
            lastLatencyMs = event.latencyMs();
        }
        out.collect(event);
    }
}
