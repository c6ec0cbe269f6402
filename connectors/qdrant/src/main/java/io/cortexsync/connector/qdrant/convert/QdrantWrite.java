package io.cortexsync.connector.qdrant.convert;

import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.PointStruct;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One write to a Qdrant collection: an upsert of a point or a delete of a point id, with the
 * record id and the element's text for the dead-letter output. The text is made only when a dead
 * letter needs it.
 */
public final class QdrantWrite {

    /** What the write does. */
    public enum Kind {
        UPSERT,
        DELETE
    }

    private final Kind kind;
    private final PointId id;
    private final PointStruct point;
    private final String recordId;
    private final Supplier<String> raw;

    private QdrantWrite(Kind kind, PointId id, PointStruct point, String recordId, Supplier<String> raw) {
        this.kind = kind;
        this.id = Objects.requireNonNull(id, "point id");
        this.point = point;
        this.recordId = recordId;
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    /** Upserts {@code point}; {@code raw} renders the element for a dead letter. */
    public static QdrantWrite upsert(PointStruct point, String recordId, Supplier<String> raw) {
        return new QdrantWrite(Kind.UPSERT, Objects.requireNonNull(point, "point").getId(), point, recordId, raw);
    }

    /** Deletes the point {@code id}; {@code raw} renders the element for a dead letter. */
    public static QdrantWrite delete(PointId id, String recordId, Supplier<String> raw) {
        return new QdrantWrite(Kind.DELETE, id, null, recordId, raw);
    }

    public Kind kind() {
        return kind;
    }

    public PointId id() {
        return id;
    }

    /** The point to upsert; null for a delete. */
    public PointStruct point() {
        return point;
    }

    /** The source record's id, or null when unknown. */
    public String recordId() {
        return recordId;
    }

    /** The element as text, for the dead-letter output. */
    public String raw() {
        String text = raw.get();
        return text == null ? "" : text;
    }
}
