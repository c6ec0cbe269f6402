package io.cortexsync.connector.qdrant.convert;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.cortexsync.schema.model.VectorChecks;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;

import org.apache.flink.annotation.Internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a point with a dense vector and a payload straight into the bytes of its
 * {@link PointStruct} message, as the generated code would serialize it, without building the
 * message: the vector's floats go in with one bulk copy instead of a protobuf list filled and
 * written element by element. For a 768-dimension vector that is most of the sink's work per
 * point.
 *
 * <p>Not thread-safe: a converter keeps one per task and reuses its buffers.
 */
@Internal
public final class PointEncoder {

    private final List<String> keys = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private int[] valueSizes = new int[16];
    private byte[] vectorBytes = new byte[0];

    /** Starts a new point: the payload fields added before {@link #encode} are its payload. */
    public PointEncoder begin() {
        keys.clear();
        values.clear();
        return this;
    }

    /** Adds the payload field {@code key} with a JSON-like value; each key once. */
    public PointEncoder field(String key, Object value) {
        keys.add(key);
        values.add(value);
        return this;
    }

    /**
     * The point {@code id} with the dense vector {@code vector} and the fields added since
     * {@link #begin()}; an {@link InvalidPointException} when a field holds no payload value.
     */
    public EncodedPoint encode(PointId id, float[] vector) {
        return encode(id, FloatBuffer.wrap(vector));
    }

    /** {@link #encode(PointId, float[])} of the vector's remaining elements, read without a copy. */
    public EncodedPoint encode(PointId id, FloatBuffer vector) {
        int dimension = vector.remaining();
        int fields = keys.size();
        if (valueSizes.length < fields) {
            valueSizes = Arrays.copyOf(valueSizes, Math.max(fields, 2 * valueSizes.length));
        }
        int payloadSize = 0;
        for (int i = 0; i < fields; i++) {
            valueSizes[i] = PayloadWireFormat.checkedValueSize(keys.get(i), values.get(i));
            payloadSize += PayloadWireFormat.lengthDelimitedSize(PointStruct.PAYLOAD_FIELD_NUMBER,
                    PayloadWireFormat.entrySize(keys.get(i), valueSizes[i]));
        }
        int dataSize = 4 * dimension;
        // proto3 leaves an empty packed field out
        int denseSize = dimension == 0 ? 0 : PayloadWireFormat.lengthDelimitedSize(DenseVector.DATA_FIELD_NUMBER, dataSize);
        int vectorSize = PayloadWireFormat.lengthDelimitedSize(Vector.DENSE_FIELD_NUMBER, denseSize);
        int vectorsSize = PayloadWireFormat.lengthDelimitedSize(Vectors.VECTOR_FIELD_NUMBER, vectorSize);
        int size = PayloadWireFormat.lengthDelimitedSize(PointStruct.ID_FIELD_NUMBER, id.getSerializedSize())
                + payloadSize
                + PayloadWireFormat.lengthDelimitedSize(PointStruct.VECTORS_FIELD_NUMBER, vectorsSize);

        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeMessage(PointStruct.ID_FIELD_NUMBER, id);
            for (int i = 0; i < fields; i++) {
                PayloadWireFormat.writeEntry(out, PointStruct.PAYLOAD_FIELD_NUMBER, keys.get(i), values.get(i), valueSizes[i]);
            }
            lengthPrefix(out, PointStruct.VECTORS_FIELD_NUMBER, vectorsSize);
            lengthPrefix(out, Vectors.VECTOR_FIELD_NUMBER, vectorSize);
            lengthPrefix(out, Vector.DENSE_FIELD_NUMBER, denseSize);
            if (dimension > 0) {
                lengthPrefix(out, DenseVector.DATA_FIELD_NUMBER, dataSize);
                out.writeRawBytes(littleEndian(vector), 0, dataSize);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("the sizes of an encoded point are wrong", e);
        }
        int bad = VectorChecks.firstNonFinite(vector);
        return new EncodedPoint(id, bytes, dimension, bad, bad < 0 ? 0f : vector.get(vector.position() + bad));
    }

    private static void lengthPrefix(CodedOutputStream out, int field, int size) throws IOException {
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
    }

    /** The vector's floats as protobuf writes them (IEEE-754 bits, little-endian), in a reused buffer. */
    private byte[] littleEndian(FloatBuffer vector) {
        int size = 4 * vector.remaining();
        if (vectorBytes.length < size) {
            vectorBytes = new byte[size];
        }
        ByteBuffer.wrap(vectorBytes, 0, size).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(vector.duplicate());
        return vectorBytes;
    }
}
