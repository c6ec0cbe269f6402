package io.cortexsync.bench.surreal;

import io.cortexsync.bench.Rate;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a bounded SurrealSource into a discarding sink on a local MiniCluster and times it: from
 * the first record to the last one (the snapshot rate the engine scan is compared with), and the
 * whole job, start-up and chunk boundary discovery included.
 */
final class SourceThroughput {

    /** Shared with the tasks: the MiniCluster runs in this JVM. */
    private static final AtomicLong FIRST_RECORD_NANOS = new AtomicLong();
    private static final AtomicLong LAST_RECORD_NANOS = new AtomicLong();
    private static final LongAdder RECORDS = new LongAdder();

    private SourceThroughput() {}

    /** The snapshot rate (first to last record) and the whole job's rate. */
    record Result(Rate snapshot, Rate job) {}

    static Result measure(SurrealConnectionConfig connection, String table, int parallelism, int chunkSize)
            throws Exception {
        FIRST_RECORD_NANOS.set(0);
        LAST_RECORD_NANOS.set(0);
        RECORDS.reset();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(connection)
                .setTables(table)
                .setStartingMode(StartingMode.SNAPSHOT_ONLY)
                .setChunkSize(chunkSize)
                .setVectorFields("vector")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "surrealdb-source")
                .uid("surrealdb-source")
                .map(new RecordTimes())
                .returns(source.getProducedType())
                .uid("record-times")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");

        long start = System.nanoTime();
        env.execute("bench: surreal-source");
        long end = System.nanoTime();
        long records = RECORDS.sum();
        return new Result(
                Rate.between(records, FIRST_RECORD_NANOS.get(), LAST_RECORD_NANOS.get()),
                Rate.between(records, start, end));
    }

    /** Notes when records pass; cheap enough not to slow the source down. */
    private static final class RecordTimes implements MapFunction<SurrealChange, SurrealChange> {
        @Override
        public SurrealChange map(SurrealChange change) {
            long now = System.nanoTime();
            FIRST_RECORD_NANOS.compareAndSet(0, now);
            LAST_RECORD_NANOS.accumulateAndGet(now, Math::max);
            RECORDS.increment();
            return change;
        }
    }
}
