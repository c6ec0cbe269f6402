package io.cortexsync.bench.dualwrite;

import io.cortexsync.bench.surreal.BenchDataset;
import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.SyncEntity;

import java.time.Instant;
import java.util.Map;

/** The dual-write bench's entities: entity {@code i} of a table, computed from {@code i} alone (768-dim by default). */
final class BenchEntities {

    private final String table;
    private final BenchDataset dataset;

    BenchEntities(String table, int dimension) {
        this.table = table;
        this.dataset = new BenchDataset(dimension, 42);
    }

    SyncEntity entity(long i, long version) {
        Map<String, Object> doc = dataset.content(i);
        return SyncEntity.builder()
                .id(RecordId.of(table, "e" + BenchDataset.key(i)))
                .vector((float[]) doc.get("vector"))
                .metadata(Map.of("title", doc.get("title"), "category", doc.get("category"), "score", doc.get("score")))
                .timestamp(Instant.now())
                .workspaceId("bench")
                .version(version)
                .build();
    }
}
