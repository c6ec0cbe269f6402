package io.cortexsync.connector.surrealdb.source.split;

import io.cortexsync.connector.surrealdb.client.SurrealRange.Bound;
import io.cortexsync.connector.surrealdb.client.SurrealRange.BoundKind;
import io.cortexsync.connector.surrealdb.client.cbor.CborReader;
import io.cortexsync.connector.surrealdb.client.cbor.CborWriter;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads the parts of splits (keys as their CBOR bytes) for the versioned serializers. */
@Internal
public final class SplitDataIo {

    private static final int SNAPSHOT = 1;
    private static final int STREAM = 2;

    private SplitDataIo() {}

    public static void writeSplit(SurrealSplit split, DataOutputView out) throws IOException {
        if (split instanceof SnapshotSplit) {
            SnapshotSplit s = (SnapshotSplit) split;
            out.writeByte(SNAPSHOT);
            out.writeUTF(s.table());
            out.writeInt(s.chunkIndex());
            writeRange(s.range(), out);
            writeNullableKey(s.resumeAfter().orElse(null), out);
            writeNullableLong(s.lowWatermark().orElse(null), out);
            writeNullableLong(s.highWatermark().orElse(null), out);
        } else {
            StreamSplit s = (StreamSplit) split;
            out.writeByte(STREAM);
            out.writeLong(s.position());
            out.writeLong(s.processedAtPosition());
            writeWatermarks(s.chunkWatermarks(), out);
            out.writeLong(s.snapshotStartedAt());
        }
    }

    /** A split as {@link #writeSplit} wrote it in format {@code version}: 1 had no snapshot start in stream splits. */
    public static SurrealSplit readSplit(int version, DataInputView in) throws IOException {
        SurrealSplit split = readSplitV1(in);
        if (version >= 2 && !split.isSnapshot()) {
            StreamSplit s = split.asStream();
            return new StreamSplit(s.position(), s.processedAtPosition(), s.chunkWatermarks(), in.readLong());
        }
        return split;
    }

    private static SurrealSplit readSplitV1(DataInputView in) throws IOException {
        int kind = in.readUnsignedByte();
        switch (kind) {
            case SNAPSHOT:
                String table = in.readUTF();
                int chunk = in.readInt();
                KeyRange range = readRange(in);
                Object resumeAfter = readNullableKey(in);
                Long low = readNullableLong(in);
                Long high = readNullableLong(in);
                return new SnapshotSplit(table, chunk, range, resumeAfter, low, high);
            case STREAM:
                long position = in.readLong();
                long processed = in.readLong();
                return new StreamSplit(position, processed, readWatermarks(in));
            default:
                throw new IOException("unknown split kind " + kind);
        }
    }

    public static void writeWatermarks(List<ChunkWatermark> watermarks, DataOutputView out) throws IOException {
        out.writeInt(watermarks.size());
        for (ChunkWatermark w : watermarks) {
            out.writeUTF(w.table());
            writeRange(w.range(), out);
            out.writeLong(w.high());
        }
    }

    public static List<ChunkWatermark> readWatermarks(DataInputView in) throws IOException {
        int count = checkedCount(in.readInt());
        List<ChunkWatermark> watermarks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            watermarks.add(new ChunkWatermark(in.readUTF(), readRange(in), in.readLong()));
        }
        return watermarks;
    }

    static void writeRange(KeyRange range, DataOutputView out) throws IOException {
        writeBound(range.lower(), out);
        writeBound(range.upper(), out);
    }

    static KeyRange readRange(DataInputView in) throws IOException {
        return new KeyRange(readBound(in), readBound(in));
    }

    private static void writeBound(Bound bound, DataOutputView out) throws IOException {
        out.writeByte(bound.kind().ordinal());
        if (bound.kind() != BoundKind.UNBOUNDED) {
            writeKey(bound.value(), out);
        }
    }

    private static Bound readBound(DataInputView in) throws IOException {
        int kind = in.readUnsignedByte();
        switch (kind) {
            case 0:
                return Bound.inclusive(readKey(in));
            case 1:
                return Bound.exclusive(readKey(in));
            case 2:
                return Bound.unbounded();
            default:
                throw new IOException("unknown bound kind " + kind);
        }
    }

    private static void writeNullableLong(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readNullableLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    private static void writeNullableKey(Object key, DataOutputView out) throws IOException {
        out.writeBoolean(key != null);
        if (key != null) {
            writeKey(key, out);
        }
    }

    private static Object readNullableKey(DataInputView in) throws IOException {
        return in.readBoolean() ? readKey(in) : null;
    }

    private static void writeKey(Object key, DataOutputView out) throws IOException {
        byte[] bytes = CborWriter.encode(key);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static Object readKey(DataInputView in) throws IOException {
        byte[] bytes = new byte[checkedCount(in.readInt())];
        in.readFully(bytes);
        return CborReader.decode(bytes);
    }

    private static int checkedCount(int count) throws IOException {
        if (count < 0) {
            throw new IOException("negative length " + count);
        }
        return count;
    }
}
