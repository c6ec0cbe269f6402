package io.cortexsync.bench.qdrant;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEntity;

import org.apache.flink.api.common.functions.MapFunction;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entity {@code bench_entity:i} with a vector of random floats seeded by {@code i}: the in-memory
 * source's records. Notes when the first one was made, so that rates can leave Flink's start-up out.
 */
public final class GeneratedEntities implements MapFunction<Long, SyncEntity> {

    private static final long serialVersionUID = 1L;
    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    /** Shared with the tasks: the MiniCluster runs in this JVM. */
    public static final AtomicLong FIRST_NANOS = new AtomicLong();

    private final int dim;

    public GeneratedEntities(int dim) {
        this.dim = dim;
    }

    @Override
    public SyncEntity map(Long i) {
        if (FIRST_NANOS.get() == 0) {
            FIRST_NANOS.compareAndSet(0, System.nanoTime());
        }
        SplittableRandom random = new SplittableRandom(i);
        float[] vector = new float[dim];
        for (int d = 0; d < dim; d++) {
            vector[d] = (float) random.nextDouble(-1, 1);
        }
        return SyncEntity.builder()
                .id(RecordId.of("bench_entity", i))
                .vector(vector)
                .metadata(Map.of("title", "entity " + i, "rank", i % 1000))
                .timestamp(TIME)
                .workspaceId("bench")
                .version(1L)
                .build();
    }
}
