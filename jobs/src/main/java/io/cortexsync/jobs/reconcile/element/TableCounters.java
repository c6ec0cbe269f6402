package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.jobs.reconcile.ReconcileCounters;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

import java.util.HashMap;
import java.util.Map;

/** A counter in all and per table, each an accumulator and a metric of the same name. */
public final class TableCounters {

    private final RuntimeContext context;
    private final String name;
    private final LongCounter total;
    private final Counter totalMetric;
    private final Map<String, LongCounter> perTable = new HashMap<>();

    public TableCounters(RuntimeContext context, String name) {
        this.context = context;
        this.name = name;
        this.total = context.getLongCounter(name);
        this.totalMetric = context.getMetricGroup().counter(name);
    }

    public void count(String table) {
        total.add(1L);
        totalMetric.inc();
        perTable.computeIfAbsent(table == null ? ReconcileCounters.NO_TABLE : table,
                t -> context.getLongCounter(ReconcileCounters.perTable(name, t))).add(1L);
    }
}
