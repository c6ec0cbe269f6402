package io.cortexsync.bench.dualwrite;

import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.connector.qdrant.sink.QdrantSink;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.sink.SurrealSink;
import io.cortexsync.connector.surrealdb.sink.SyncEntityRecordSerializer;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One store's sink alone, writing the same entities the dual-write job gets: the project's
 * SurrealSink (the records as the dual-write commit writes them) or QdrantSink (the points), in a
 * bounded Flink job at the same parallelism, timed from the first entity to the job's end.
 */
final class SinkAlone {

    /** Shared with the tasks: the MiniCluster runs in this JVM. */
    private static final AtomicLong FIRST_NANOS = new AtomicLong();

    private SinkAlone() {}

    static double surrealPerSecond(SurrealConnectionConfig surreal, String table, long entities, int dimension, int parallelism)
            throws Exception {
        return measure(SurrealSink.<SyncEntity>builder().setConnectionConfig(surreal)
                .setRecordSerializer(new SyncEntityRecordSerializer()).build(), table, entities, dimension, parallelism);
    }

    static double qdrantPerSecond(QdrantConnectionConfig qdrant, String collection, String table, long entities, int dimension,
            int parallelism) throws Exception {
        return measure(QdrantSink.<SyncEntity>builder().setConnectionConfig(qdrant).setCollectionName(collection)
                .setPointConverter(new SyncEntityPointConverter()).build(), table, entities, dimension, parallelism);
    }

    private static double measure(Sink<SyncEntity> sink, String table, long entities, int dimension, int parallelism) throws Exception {
        FIRST_NANOS.set(0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
        env.fromSequence(0, entities - 1).setParallelism(1)
                .map(new Generated(table, dimension)).returns(SchemaTypes.SYNC_ENTITY).setParallelism(1)
                .keyBy(entity -> entity.id().canonical())
                .sinkTo(sink);
        env.execute("bench: one sink alone");
        return entities * 1e9 / (System.nanoTime() - FIRST_NANOS.get());
    }

    private static final class Generated implements MapFunction<Long, SyncEntity> {
        private static final long serialVersionUID = 1L;
        private final String table;
        private final int dimension;
        private transient BenchEntities entities;

        Generated(String table, int dimension) {
            this.table = table;
            this.dimension = dimension;
        }

        @Override
        public SyncEntity map(Long i) {
            FIRST_NANOS.compareAndSet(0, System.nanoTime());
            if (entities == null) {
                entities = new BenchEntities(table, dimension);
            }
            return entities.entity(i, 1L);
        }
    }
}
