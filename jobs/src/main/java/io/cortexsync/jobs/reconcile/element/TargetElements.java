package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.jobs.reconcile.ReconcileCounters;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Set;

/**
 * Keeps the points of the reconciled tables and those that name no table; counts them in all and
 * per table. A point of another table belongs to another sync sharing the collection: it is
 * counted and left out, never called an orphan.
 */
public final class TargetElements extends ProcessFunction<SideElement, SideElement> {

    private static final long serialVersionUID = 1L;

    private final Set<String> tables;
    private transient TableCounters counters;
    private transient LongCounter otherTables;

    public TargetElements(List<String> tables) {
        this.tables = Set.copyOf(tables);
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new TableCounters(getRuntimeContext(), ReconcileCounters.TARGET_POINTS);
        otherTables = getRuntimeContext().getLongCounter(ReconcileCounters.OTHER_TABLE_POINTS);
    }

    /** Whether a point is one of the reconciled tables' or names no table. */
    public static boolean belongs(SideElement point, Set<String> tables) {
        return point.table == null || tables.contains(point.table);
    }

    @Override
    public void processElement(SideElement point, Context ctx, Collector<SideElement> out) {
        if (!belongs(point, tables)) {
            otherTables.add(1L);
            return;
        }
        counters.count(point.table);
        out.collect(point);
    }
}
