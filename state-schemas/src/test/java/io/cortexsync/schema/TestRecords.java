package io.cortexsync.schema;

import io.cortexsync.schema.ids.RecordId;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.EntityChange;
import io.cortexsync.schema.model.RepairRecord;
import io.cortexsync.schema.model.TargetPointId;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.model.SyncEvent;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fixed sample records shared by the JSON and serializer tests. */
public final class TestRecords {

    public static final Instant T0 = Instant.parse("2026-11-25T08:30:00.123Z");
    public static final Instant T1 = Instant.parse("2026-11-25T08:30:01.000000456Z");

    private TestRecords() {}

    public static SyncEntity entity() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", true);
        nested.put("a", null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Héllo ⟩ 🚀");
        metadata.put("n", 1);
        metadata.put("x", 1.5);
        metadata.put("big", new BigInteger("12345678901234567890"));
        metadata.put("tags", List.of("a", "b"));
        metadata.put("nested", nested);
        return SyncEntity.builder()
                .id(RecordId.of("doc", "hello world"))
                .vector(new float[] {0.1f, -1.25f, 3.0f})
                .metadata(metadata)
                .timestamp(T0)
                .workspaceId("ws-1")
                .version(7L)
                .build();
    }

    public static SyncEntity minimalEntity() {
        return SyncEntity.builder()
                .id(RecordId.of("doc", 42))
                .vector(new float[0])
                .timestamp(T1)
                .workspaceId("ws-1")
                .build();
    }

    public static SyncEntity nonFiniteEntity() {
        return SyncEntity.builder()
                .id(RecordId.of("doc", UUID.fromString("0190c5b2-7d4e-7a11-8f00-123456789abc")))
                .vector(
                        new float[] {
                            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f
                        })
                .timestamp(T1)
                .workspaceId("ws-2")
                .build();
    }

    public static EntityChange upsert() {
        return EntityChange.upsert("req-1", entity(), T1);
    }

    public static EntityChange delete() {
        return EntityChange.delete("req-2", RecordId.of("doc", 42), T1);
    }

    public static EntityChange versionedDelete() {
        return EntityChange.delete("req-3", RecordId.of("doc", "hello world"), 9L, T1);
    }

    public static SyncEvent event() {
        return SyncEvent.builder()
                .type(SyncEvent.Type.RETRYING)
                .entityId("doc:42")
                .requestId("req-2")
                .detail("qdrant: UNAVAILABLE")
                .attempt(2)
                .latencyMs(150)
                .time(T0)
                .build();
    }

    public static SyncEvent minimalEvent() {
        return SyncEvent.builder().type(SyncEvent.Type.DEAD_LETTER).time(T1).build();
    }

    public static RepairRecord mismatch() {
        return RepairRecord.builder()
                .kind(RepairRecord.Kind.MISMATCH)
                .entityId("doc:42")
                .table("doc")
                .partition(208)
                .sourceHash("078815cfff0ec39e5993feb86ca62709")
                .targetHash("957afd9712c3fb7733aea800a2a4efa7")
                .time(T0)
                .build();
    }

    /** An orphan point with Qdrant's largest numeric id, no _surreal_id and no _table. */
    public static RepairRecord numericOrphan() {
        return RepairRecord.builder()
                .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                .pointId(TargetPointId.ofNumber(-1L))
                .partition(0)
                .targetHash("957afd9712c3fb7733aea800a2a4efa7")
                .time(T0)
                .build();
    }

    public static RepairRecord orphanWithoutId() {
        return RepairRecord.builder()
                .kind(RepairRecord.Kind.ORPHAN_VECTOR)
                .pointId(UUID.fromString("a3898253-fe00-510e-b95b-839a2e19dfb8"))
                .table("doc")
                .partition(163)
                .time(T1)
                .action(RepairRecord.Action.NONE)
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.of(
                "{\"id\":\"doc:1\",\"vector\":[NaN]}",
                "vector element 0 is NaN",
                "validate",
                "doc:1",
                T0);
    }

    public static DeadLetter deadLetterWithoutId() {
        return DeadLetter.of("not json \u0000 at all", "unparsable JSON", "parse", null, T1);
    }

    public static List<Object> all() {
        return Arrays.asList(
                entity(),
                minimalEntity(),
                nonFiniteEntity(),
                upsert(),
                delete(),
                versionedDelete(),
                event(),
                minimalEvent(),
                mismatch(),
                orphanWithoutId(),
                deadLetter(),
                deadLetterWithoutId());
    }
}
