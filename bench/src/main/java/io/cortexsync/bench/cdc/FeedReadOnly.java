package io.cortexsync.bench.cdc;

import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.jobs.cdc.CdcJob;
import io.cortexsync.jobs.cdc.CdcSettings;
import io.cortexsync.jobs.common.SyncJob;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The change feed read alone: the cdc job's SurrealSource, configured as the job configures it
 * (CHANGES_FROM_VERSIONSTAMP from the same position, same poll interval and page size), into a
 * discarding sink, until it has read the expected number of changes; then the job is cancelled.
 */
final class FeedReadOnly {

    /** Shared with the tasks: the MiniCluster runs in this JVM. */
    private static final AtomicLong READ = new AtomicLong();
    private static final AtomicLong FIRST_NANOS = new AtomicLong();
    private static final AtomicLong TARGET = new AtomicLong();
    private static final AtomicLong DONE_NANOS = new AtomicLong();
    private static final AtomicLong RESTARTS = new AtomicLong();

    private FeedReadOnly() {}

    /** Reads {@code changes} changes; fails when they have not all come within {@code timeout}. */
    static PartRate measure(Configuration config, long changes, Duration timeout) throws Exception {
        READ.set(0);
        FIRST_NANOS.set(0);
        DONE_NANOS.set(0);
        RESTARTS.set(0);
        TARGET.set(changes);
        CdcSettings settings = CdcSettings.from(config);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(SyncJob.flinkConfiguration(new CdcJob(), config));
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setOptions(config)
                .setVectorFields(settings.vectorField())
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "SurrealDB changes")
                .uid("surrealdb-source")
                .map(new Counting())
                .returns(source.getProducedType())
                .uid("count")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        long start = System.nanoTime();
        JobClient job = env.executeAsync("bench: cdc feed read only");
        try {
            long deadline = start + timeout.toNanos();
            while (DONE_NANOS.get() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("feed read only: " + READ.get() + " of " + changes
                            + " changes within " + timeout);
                }
                if (job.getJobExecutionResult().isDone()) {
                    job.getJobExecutionResult().get();
                    throw new IllegalStateException("feed read only: the job ended after " + READ.get() + " changes");
                }
                Thread.sleep(20);
            }
            // a restarted task reads its changes again and counts them twice: no rate then
            if (RESTARTS.get() > 0) {
                throw new IllegalStateException("feed read only: the job failed over; its count is not a rate");
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        return new PartRate(changes, DONE_NANOS.get() - start, DONE_NANOS.get() - FIRST_NANOS.get());
    }

    private static final class Counting extends RichMapFunction<SurrealChange, SurrealChange> {

        @Override
        public void open(OpenContext openContext) {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
                RESTARTS.incrementAndGet();
            }
        }

        @Override
        public SurrealChange map(SurrealChange change) {
            long n = READ.incrementAndGet();
            if (n == 1) {
                FIRST_NANOS.compareAndSet(0, System.nanoTime());
            }
            if (n == TARGET.get()) {
                DONE_NANOS.compareAndSet(0, System.nanoTime());
            }
            return change;
        }
    }
}
