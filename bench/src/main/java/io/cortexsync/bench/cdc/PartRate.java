package io.cortexsync.bench.cdc;

/**
 * A part's rate measured two ways: over its whole job, Flink's start-up included, and from its
 * first item to its last, start-up left out.
 */
record PartRate(long items, long wholeNanos, long afterFirstNanos) {

    /** Items per second over the whole job, start-up included. */
    double perSecond() {
        return items * 1e9 / Math.max(1, wholeNanos);
    }

    /** Items per second from the first item on. */
    double afterStartPerSecond() {
        return items * 1e9 / Math.max(1, afterFirstNanos);
    }

    /** Seconds from the job's submission to its first item. */
    double startupSeconds() {
        return (wholeNanos - afterFirstNanos) / 1e9;
    }

    /** The faster of two measurements of the same part: the one least slowed by the machine. */
    static PartRate faster(PartRate a, PartRate b) {
        return a.perSecond() >= b.perSecond() ? a : b;
    }
}
