package io.cortexsync.connector.qdrant.convert;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.PointStruct;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.util.Objects;

/**
 * A point to upsert in its protobuf wire form (a {@link PointStruct} message), as
 * {@link PointEncoder} writes it: the sink copies these bytes into the request unchanged. Keeps
 * what the sink checks before sending: the id, the vector's dimension and its first element that
 * is not finite.
 */
@Internal
public final class EncodedPoint {

    private final PointId id;
    private final byte[] bytes;
    private final int dimension;
    private final int firstNonFinite;
    private final float nonFiniteValue;

    EncodedPoint(PointId id, byte[] bytes, int dimension, int firstNonFinite, float nonFiniteValue) {
        this.id = Objects.requireNonNull(id, "id");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.dimension = dimension;
        this.firstNonFinite = firstNonFinite;
        this.nonFiniteValue = nonFiniteValue;
    }

    public PointId id() {
        return id;
    }

    /** The size of the PointStruct message. */
    public int size() {
        return bytes.length;
    }

    /** Writes the PointStruct message (without its length). */
    public void writeTo(CodedOutputStream out) throws IOException {
        out.writeRawBytes(bytes);
    }

    /** The dimension of its dense vector. */
    public int dimension() {
        return dimension;
    }

    /** The index of the first NaN or infinite vector element; -1 when all are finite. */
    public int firstNonFinite() {
        return firstNonFinite;
    }

    /** The element at {@link #firstNonFinite()}. */
    public float nonFiniteValue() {
        return nonFiniteValue;
    }

    /** The point as a message, parsed from its bytes: for inspection, not for the write path. */
    public PointStruct toPointStruct() {
        try {
            return PointStruct.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an encoded point does not parse: " + e.getMessage(), e);
        }
    }
}
