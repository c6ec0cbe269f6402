package io.cortexsync.jobs.reconcile.element;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The elements one side holds in one leaf, as bytes in keyed state: a leaf is the unit the Merkle
 * walk descends to, so its elements are read and written together (one state access each). At the
 * default 2^16 leaves a leaf holds about one element per 65,536 entities. Layout: a version byte
 * (1), a count, then per element its id halves, a numeric flag and three nullable strings (length, -1 for null, then UTF-8).
 */
public final class LeafBucket {

    private static final byte VERSION = 1;

    private LeafBucket() {}

    public static byte[] encode(List<SideElement> elements) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + elements.size() * 96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(elements.size());
            for (SideElement e : elements) {
                out.writeLong(e.idHigh);
                out.writeLong(e.idLow);
                out.writeBoolean(e.numericId);
                writeNullable(out, e.entityId);
                writeNullable(out, e.table);
                writeNullable(out, e.contentHash);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The elements of {@code bytes} (none for null), as elements of {@code side} in {@code partition} and {@code leaf}. */
    public static List<SideElement> decode(byte[] bytes, Side side, int partition, int leaf) {
        List<SideElement> elements = new ArrayList<>();
        if (bytes == null) {
            return elements;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("leaf bucket version " + version + " is not known (this build reads " + VERSION + ")");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                SideElement e = new SideElement();
                e.side = side;
                e.partition = partition;
                e.leaf = leaf;
                e.idHigh = in.readLong();
                e.idLow = in.readLong();
                e.numericId = in.readBoolean();
                e.entityId = readNullable(in);
                e.table = readNullable(in);
                e.contentHash = readNullable(in);
                elements.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return elements;
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        // a length and UTF-8 bytes, not writeUTF: a hostile id may exceed its 64 KB
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readNullable(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
