package io.cortexsync.jobs.cdc;

import io.cortexsync.connector.surrealdb.source.convert.SnapshotDone;
import io.cortexsync.jobs.common.JobCounters;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Marks each finished snapshot in the job's counters ({@code snapshotDone.<table>}), so that the
 * command line's progress moves from a table's snapshot to its changes; passes the marker on.
 */
final class SnapshotCounting extends ProcessFunction<SnapshotDone, SnapshotDone> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(SnapshotDone done, Context ctx, Collector<SnapshotDone> out) {
        getRuntimeContext().getLongCounter(JobCounters.SNAPSHOT_DONE_PREFIX + done.table()).add(1L);
        out.collect(done);
    }
}
