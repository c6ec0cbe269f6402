package io.cortexsync.jobs.common;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/** A counter that is both a Flink accumulator (for the command line) and a gauge of the same name (for the dashboard). */
public final class GaugedCounters {

    private GaugedCounters() {}

    public static LongCounter of(RuntimeContext context, String name) {
        LongCounter counter = context.getLongCounter(name);
        context.getMetricGroup().gauge(name, counter::getLocalValue);
        return counter;
    }
}
