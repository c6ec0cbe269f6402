package io.cortexsync.jobs.reconcile.element;

import io.cortexsync.jobs.common.GaugedCounters;
import io.cortexsync.jobs.reconcile.ReconcileCounters;
import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts the records that cannot be synced ({@link ReconcileCounters#UNSYNCABLE}); they are absent
 * for the comparison, as they are for the sync jobs, which dead-letter them. Emits nothing.
 */
public final class UnsyncableRecords extends ProcessFunction<DeadLetter, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private transient LongCounter unsyncable;

    @Override
    public void open(OpenContext openContext) {
        unsyncable = GaugedCounters.of(getRuntimeContext(), ReconcileCounters.UNSYNCABLE);
    }

    @Override
    public void processElement(DeadLetter record, Context ctx, Collector<DeadLetter> out) {
        unsyncable.add(1L);
    }
}
