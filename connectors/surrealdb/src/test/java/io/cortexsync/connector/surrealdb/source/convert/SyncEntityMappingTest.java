package io.cortexsync.connector.surrealdb.source.convert;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.schema.model.SyncEntity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyncEntityMappingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final SurrealRecordId ID = SurrealRecordId.of("docs", "a⟩b");

    private final SyncEntityMapping mapping = SyncEntityMapping.builder()
            .vectorField("v").workspaceId("ws-1").versionField("rev").dimension(3).build();

    private static Map<String, Object> fields(Object vector) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", ID);
        fields.put("title", "hello");
        fields.put("ref", SurrealRecordId.of("users", 7L));
        fields.put("rev", 4L);
        if (vector != null) {
            fields.put("v", vector);
        }
        return fields;
    }

    @Test
    void goodRecordBecomesAnEntity() {
        SyncEntityMapping.Result result = mapping.convert(
                SurrealChange.upsert(ID, fields(new float[] {1f, 2f, 3f}), 117676320478773760L), NOW);
        assertThat(result.problem()).isNull();
        SyncEntity entity = result.entity();
        assertThat(entity.id().canonical()).isEqualTo(ID.toRecordId().canonical());
        assertThat(entity.vector()).containsExactly(1f, 2f, 3f);
        assertThat(entity.metadata()).containsOnlyKeys("title", "ref", "rev").containsEntry("ref", "users:7");
        assertThat(entity.workspaceId()).isEqualTo("ws-1");
        assertThat(entity.version()).isEqualTo(4L);
        assertThat(entity.timestamp()).isEqualTo(Instant.parse("2026-11-25T09:15:51.836Z"));
        assertThat(mapping.convert(SurrealChange.read(ID, fields(new float[] {1f, 2f, 3f})), NOW).entity().timestamp())
                .isEqualTo(NOW);
    }

    @Test
    void badVectorsGetAReason() {
        assertThat(problem(null)).isEqualTo("vector field 'v' is missing");
        assertThat(problem("not a vector")).isEqualTo("vector field 'v' is a String, not an array of numbers");
        assertThat(problem(List.of("a", 1L))).contains("not an array of numbers");
        assertThat(problem(new float[] {1f, Float.NaN, 3f})).isEqualTo("vector element 1 is NaN");
        assertThat(problem(new float[] {Float.POSITIVE_INFINITY, 1f, 3f})).isEqualTo("vector element 0 is Infinity");
        assertThat(problem(new float[] {1f, 2f})).isEqualTo("vector has dimension 2, expected 3");
        assertThat(problem(new float[0])).isEqualTo("vector field 'v' is empty");
    }

    @Test
    void workspaceAndVersionFromFields() {
        SyncEntityMapping byField = SyncEntityMapping.builder().vectorField("v").workspaceField("ws").versionField("rev").build();
        Map<String, Object> fields = fields(new float[] {1f});
        assertThat(byField.convert(SurrealChange.read(ID, fields), NOW).problem())
                .isEqualTo("workspace field 'ws' is missing, not a non-blank string");
        fields.put("ws", "tenant-9");
        fields.put("rev", "four");
        assertThat(byField.convert(SurrealChange.read(ID, fields), NOW).problem())
                .isEqualTo("version field 'rev' is a String, not an integer");
        fields.put("rev", 5L);
        assertThat(byField.convert(SurrealChange.read(ID, fields), NOW).entity().workspaceId()).isEqualTo("tenant-9");
    }

    @Test
    void nonFiniteMetadataIsAProblemNotACrash() {
        Map<String, Object> fields = fields(new float[] {1f, 2f, 3f});
        fields.put("score", Double.NaN);
        assertThat(mapping.convert(SurrealChange.read(ID, fields), NOW).problem()).startsWith("metadata:");
    }

    @Test
    void rawJsonKeepsEverythingReadable() {
        Map<String, Object> fields = fields(new float[] {1f, Float.NaN});
        assertThat(RawJson.of(fields)).isEqualTo(
                "{\"id\":\"docs:⟨a⟩b⟩\",\"title\":\"hello\",\"ref\":\"users:7\",\"rev\":4,\"v\":[1.0,\"NaN\"]}"
                        .replace("docs:⟨a⟩b⟩", ID.toString().replace("\\", "\\\\")));
    }

    private String problem(Object vector) {
        return mapping.convert(SurrealChange.read(ID, fields(vector)), NOW).problem();
    }
}
