package io.cortexsync.bench.cdc;

import io.cortexsync.bench.surreal.BenchDataset;
import io.cortexsync.connector.qdrant.convert.EntityChangePointConverter;
import io.cortexsync.connector.qdrant.sink.QdrantConfirmedWrites;
import io.cortexsync.connector.qdrant.sink.QdrantSink;
import io.cortexsync.jobs.cdc.CdcJob;
import io.cortexsync.jobs.cdc.CdcSettings;
import io.cortexsync.jobs.cdc.SyncEventOutcomes;
import io.cortexsync.jobs.common.SyncJob;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cdc job's write side alone: the same mix of changes as {@link ChangeWriter} commits (six
 * creates, three updates, one delete in ten; 768-dim vectors), generated in memory, keyed by record
 * id into the cdc job's own confirmed Qdrant writes (the same sink settings and outcome mapping),
 * the outcomes discarded. The migration's sink-only piece writes through the migration's sink,
 * which the cdc job does not use, so the cdc job's writer is measured here instead.
 */
final class SinkOnly {

    /** Shared with the tasks: the MiniCluster runs in this JVM. */
    private static final AtomicLong FIRST_NANOS = new AtomicLong();

    private SinkOnly() {}

    /** Writes {@code changes} changes to the collection of {@code config}; the whole bounded job is timed. */
    static PartRate measure(Configuration config, long changes, String table) throws Exception {
        FIRST_NANOS.set(0);
        CdcSettings settings = CdcSettings.from(config);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(SyncJob.flinkConfiguration(new CdcJob(), config));
        QdrantSink<EntityChange> sink = QdrantSink.<EntityChange>builder()
                .setOptions(config)
                .setConnectionConfig(settings.qdrant())
                .setCollectionName(settings.collection())
                .setPointConverter(new EntityChangePointConverter())
                .build();
        // one generator keeps each record's changes in order, as the change feed hands them over
        QdrantConfirmedWrites.apply(
                        env.fromSequence(0, changes - 1).setParallelism(1).uid("sequence")
                                .map(new GeneratedChanges(table, settings.dimension())).setParallelism(1)
                                .returns(SchemaTypes.ENTITY_CHANGE).uid("changes")
                                .keyBy(change -> change.recordId().canonical()),
                        sink, new SyncEventOutcomes(), SchemaTypes.SYNC_EVENT)
                .uid("qdrant-writes")
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        long start = System.nanoTime();
        env.execute("bench: cdc sink only");
        long end = System.nanoTime();
        return new PartRate(changes, end - start, end - FIRST_NANOS.get());
    }

    /** Change {@code i} of the mix, computed from {@code i} alone. */
    private static final class GeneratedChanges implements MapFunction<Long, EntityChange> {

        private static final long serialVersionUID = 1L;

        private final String table;
        private final int dimension;
        private transient BenchDataset dataset;

        GeneratedChanges(String table, int dimension) {
            this.table = table;
            this.dimension = dimension;
        }

        @Override
        public EntityChange map(Long i) {
            FIRST_NANOS.compareAndSet(0, System.nanoTime());
            if (dataset == null) {
                dataset = new BenchDataset(dimension, 42);
            }
            long created = 6 * (i / 10) + Math.min(i % 10, 6);
            long deleted = i / 10;
            long slot = i % 10;
            Instant now = Instant.now();
            if (slot == 9) {
                return EntityChange.delete("sink-only:" + i, id(deleted), now);
            }
            long n = slot < 6 ? created : deleted + Math.floorMod(i * 0x9E3779B97F4A7C15L, created - deleted);
            Map<String, Object> doc = dataset.content(slot < 6 ? n : n + 1_000_000_000L);
            SyncEntity entity = SyncEntity.builder()
                    .id(id(n))
                    .vector((float[]) doc.get("vector"))
                    .metadata(Map.of("title", doc.get("title"), "category", doc.get("category"), "score", doc.get("score")))
                    .timestamp(now)
                    .workspaceId("bench")
                    .version((Long) doc.get("version"))
                    .build();
            return EntityChange.upsert("sink-only:" + i, entity, now);
        }

        private RecordId id(long n) {
            return RecordId.of(table, "w" + BenchDataset.key(n));
        }
    }
}
