package io.cortexsync.jobs.reconcile;

import io.cortexsync.jobs.common.GaugedCounters;
import io.cortexsync.schema.model.RepairRecord;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/** Counts the differences found by kind, in all and per table ({@link ReconcileCounters#found}); passes each on. */
public final class FindingCounting extends ProcessFunction<RepairRecord, RepairRecord> {

    private static final long serialVersionUID = 1L;

    private transient Map<String, LongCounter> counters;

    @Override
    public void open(OpenContext openContext) {
        counters = new HashMap<>();
    }

    @Override
    public void processElement(RepairRecord found, Context ctx, Collector<RepairRecord> out) {
        String kind = ReconcileCounters.found(found.kind());
        count(kind);
        count(ReconcileCounters.perTable(kind, found.table()));
        out.collect(found);
    }

    private void count(String name) {
        counters.computeIfAbsent(name, n -> GaugedCounters.of(getRuntimeContext(), n)).add(1L);
    }
}
