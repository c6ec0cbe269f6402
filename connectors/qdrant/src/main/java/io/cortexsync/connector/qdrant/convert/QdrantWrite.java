package io.cortexsync.connector.qdrant.convert;

import com.google.protobuf.CodedOutputStream;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.PointStruct;

import org.apache.flink.annotation.PublicEvolving;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One write to a Qdrant collection: an upsert of a point or a delete of a point id, with the
 * record id and the element's text for the dead-letter output. The text is made only when a dead
 * letter needs it. A point to upsert is a {@link PointStruct} or, from the built-in converters,
 * already in wire form ({@link EncodedPoint}).
 */
@PublicEvolving
public final class QdrantWrite {

    /** What the write does. */
    public enum Kind {
        UPSERT,
        DELETE
    }

    private final Kind kind;
    private final PointId id;
    private final PointStruct point;
    private final EncodedPoint encoded;
    private final String recordId;
    private final Supplier<String> raw;

    private QdrantWrite(Kind kind, PointId id, PointStruct point, EncodedPoint encoded, String recordId, Supplier<String> raw) {
        this.kind = kind;
        this.id = Objects.requireNonNull(id, "point id");
        this.point = point;
        this.encoded = encoded;
        this.recordId = recordId;
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    /** Upserts {@code point}; {@code raw} renders the element for a dead letter. */
    public static QdrantWrite upsert(PointStruct point, String recordId, Supplier<String> raw) {
        return new QdrantWrite(Kind.UPSERT, Objects.requireNonNull(point, "point").getId(), point, null, recordId, raw);
    }

    /** Upserts a point already in wire form; {@code raw} renders the element for a dead letter. */
    public static QdrantWrite upsert(EncodedPoint point, String recordId, Supplier<String> raw) {
        return new QdrantWrite(Kind.UPSERT, Objects.requireNonNull(point, "point").id(), null, point, recordId, raw);
    }

    /** Deletes the point {@code id}; {@code raw} renders the element for a dead letter. */
    public static QdrantWrite delete(PointId id, String recordId, Supplier<String> raw) {
        return new QdrantWrite(Kind.DELETE, id, null, null, recordId, raw);
    }

    public Kind kind() {
        return kind;
    }

    public PointId id() {
        return id;
    }

    /** The point to upsert (parsed, for a point in wire form); null for a delete. */
    public PointStruct point() {
        return encoded != null ? encoded.toPointStruct() : point;
    }

    /** The point to upsert in wire form, or null when it is a {@link PointStruct} (or this is a delete). */
    public EncodedPoint encodedPoint() {
        return encoded;
    }

    /** The size of the point's message; 0 for a delete. */
    public int pointSize() {
        return encoded != null ? encoded.size() : point != null ? point.getSerializedSize() : 0;
    }

    /** Writes the point's message (without its length); nothing for a delete. */
    public void writePointTo(CodedOutputStream out) throws IOException {
        if (encoded != null) {
            encoded.writeTo(out);
        } else if (point != null) {
            point.writeTo(out);
        }
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
