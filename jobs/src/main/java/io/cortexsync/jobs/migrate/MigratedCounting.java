package io.cortexsync.jobs.migrate;

import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts the entities on their way to the Qdrant sink ({@link JobCounters#MIGRATED}, as an
 * accumulator and a metric) and, on the first subtask, the completed checkpoints; passes every
 * entity on unchanged.
 */
public final class MigratedCounting extends ProcessFunction<SyncEntity, SyncEntity> implements CheckpointListener {

    private static final long serialVersionUID = 1L;

    private transient LongCounter migrated;
    private transient Counter migratedMetric;
    private transient LongCounter checkpoints;
    private transient Counter checkpointsMetric;

    @Override
    public void open(OpenContext openContext) {
        migrated = getRuntimeContext().getLongCounter(JobCounters.MIGRATED);
        migratedMetric = getRuntimeContext().getMetricGroup().counter(JobCounters.MIGRATED);
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            checkpoints = getRuntimeContext().getLongCounter(JobCounters.CHECKPOINTS);
            checkpointsMetric = getRuntimeContext().getMetricGroup().counter(JobCounters.CHECKPOINTS);
        }
    }

    @Override
    public void processElement(SyncEntity entity, Context ctx, Collector<SyncEntity> out) {
        migrated.add(1L);
        migratedMetric.inc();
        out.collect(entity);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (checkpoints != null) {
            checkpoints.add(1L);
            checkpointsMetric.inc();
        }
    }
}
