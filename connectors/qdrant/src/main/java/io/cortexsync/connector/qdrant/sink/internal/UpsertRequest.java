package io.cortexsync.connector.qdrant.sink.internal;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.qdrant.client.grpc.Points.UpsertPoints;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * An {@link UpsertPoints} request written from its writes as they are: points in wire form are
 * copied as bytes, point messages serialized. gRPC streams it with {@link #MARSHALLER}, so a batch
 * is never built as a message of its own.
 */
final class UpsertRequest {

    /** Streams requests for gRPC; a client never parses one. */
    static final MethodDescriptor.Marshaller<UpsertRequest> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(UpsertRequest request) {
            return request.new Stream();
        }

        @Override
        public UpsertRequest parse(InputStream stream) {
            throw new UnsupportedOperationException("upsert requests are only sent");
        }
    };

    private static final int OUTPUT_BUFFER = 8192;

    private final String collection;
    private final boolean wait;
    private final List<PendingPoint> points;
    private final int size;

    UpsertRequest(String collection, boolean wait, List<PendingPoint> points) {
        this.collection = collection;
        this.wait = wait;
        this.points = points;
        int total = CodedOutputStream.computeStringSize(UpsertPoints.COLLECTION_NAME_FIELD_NUMBER, collection)
                + CodedOutputStream.computeBoolSize(UpsertPoints.WAIT_FIELD_NUMBER, wait);
        for (PendingPoint point : points) {
            total += CodedOutputStream.computeTagSize(UpsertPoints.POINTS_FIELD_NUMBER)
                    + CodedOutputStream.computeUInt32SizeNoTag(point.write().pointSize())
                    + point.write().pointSize();
        }
        this.size = total;
    }

    /** The size of the request message. */
    int size() {
        return size;
    }

    /** Writes the request message. */
    void writeTo(CodedOutputStream out) throws IOException {
        out.writeString(UpsertPoints.COLLECTION_NAME_FIELD_NUMBER, collection);
        // `wait` is an optional field: written even when false, as the generated code does once set
        out.writeBool(UpsertPoints.WAIT_FIELD_NUMBER, wait);
        for (PendingPoint point : points) {
            out.writeTag(UpsertPoints.POINTS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(point.write().pointSize());
            point.write().writePointTo(out);
        }
    }

    /** The request message's bytes. */
    byte[] toByteArray() throws IOException {
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writeTo(out);
        out.checkNoSpaceLeft();
        return bytes;
    }

    /**
     * The request as gRPC reads it: of known length, drained straight into gRPC's buffers; read
     * byte by byte only if gRPC must (it then serializes the request once into an array).
     */
    private final class Stream extends InputStream implements KnownLength, Drainable {

        private ByteArrayInputStream bytes;
        private boolean drained;

        @Override
        public int drainTo(OutputStream target) throws IOException {
            if (bytes != null) {
                return (int) bytes.transferTo(target);
            }
            if (drained) {
                return 0;
            }
            drained = true;
            CodedOutputStream out = CodedOutputStream.newInstance(target, Math.min(OUTPUT_BUFFER, Math.max(size, 1)));
            writeTo(out);
            out.flush();
            return size;
        }

        @Override
        public int available() throws IOException {
            return bytes != null ? bytes.available() : drained ? 0 : size;
        }

        @Override
        public int read() throws IOException {
            return bytes().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return bytes().read(b, off, len);
        }

        private ByteArrayInputStream bytes() throws IOException {
            if (bytes == null) {
                bytes = new ByteArrayInputStream(drained ? new byte[0] : toByteArray());
                drained = true;
            }
            return bytes;
        }
    }
}
