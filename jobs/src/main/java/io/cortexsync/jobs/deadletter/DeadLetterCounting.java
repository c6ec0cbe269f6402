package io.cortexsync.jobs.deadletter;

import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.schema.model.DeadLetter;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts dead letters on their way to the dead-letter files: {@code failed}, {@code deadLettered}
 * and {@code deadLettered.<reason-key>}, each an accumulator and a metric; passes them on.
 */
public final class DeadLetterCounting extends ProcessFunction<DeadLetter, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private transient LongCounter failed;
    private transient LongCounter deadLettered;
    private transient Counter failedMetric;
    private transient Counter deadLetteredMetric;
    private transient Map<String, LongCounter> byReason;
    private transient Map<String, Counter> byReasonMetric;

    @Override
    public void open(OpenContext openContext) {
        failed = getRuntimeContext().getLongCounter(JobCounters.FAILED);
        deadLettered = getRuntimeContext().getLongCounter(JobCounters.DEAD_LETTERED);
        failedMetric = getRuntimeContext().getMetricGroup().counter(JobCounters.FAILED);
        deadLetteredMetric = getRuntimeContext().getMetricGroup().counter(JobCounters.DEAD_LETTERED);
        byReason = new HashMap<>();
        byReasonMetric = new HashMap<>();
    }

    @Override
    public void processElement(DeadLetter letter, Context ctx, Collector<DeadLetter> out) {
        failed.add(1L);
        deadLettered.add(1L);
        failedMetric.inc();
        deadLetteredMetric.inc();
        String name = JobCounters.deadLettered(DeadLetterReasons.key(letter.stage(), letter.reason()));
        byReason.computeIfAbsent(name, n -> getRuntimeContext().getLongCounter(n)).add(1L);
        byReasonMetric.computeIfAbsent(name, n -> getRuntimeContext().getMetricGroup().counter(n)).inc();
        out.collect(letter);
    }
}
