package io.cortexsync.connector.surrealdb.client.cbor;

import org.apache.flink.annotation.Internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes CBOR items into a growing buffer. Floats take their shortest exact form (half, single
 * or double precision), as SurrealDB writes them; lengths are always definite.
 *
 * <p>Not thread-safe; reuse an instance with {@link #reset()} to keep its buffer.
 */
@Internal
public final class CborWriter {

    private byte[] buffer;
    private int size;

    public CborWriter() {
        this(256);
    }

    public CborWriter(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** The CBOR form of {@code value} (see {@link SurrealValueWriter} for the types). */
    public static byte[] encode(Object value) {
        CborWriter writer = new CborWriter();
        SurrealValueWriter.write(writer, value);
        return writer.toByteArray();
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    public void reset() {
        size = 0;
    }

    public void writeNull() {
        put((byte) 0xf6);
    }

    public void writeBoolean(boolean value) {
        put((byte) (value ? 0xf5 : 0xf4));
    }

    public void writeLong(long value) {
        if (value >= 0) {
            writeHead(0, value);
        } else {
            writeHead(1, -1 - value);
        }
    }

    /** The shortest of half, single and double precision that holds {@code value} exactly. */
    public void writeDouble(double value) {
        float narrowed = (float) value;
        if (narrowed == value || Double.isNaN(value)) {
            writeFloat(narrowed);
            return;
        }
        ensure(9);
        buffer[size++] = (byte) 0xfb;
        putLong(Double.doubleToRawLongBits(value));
    }

    /** Half precision when exact, otherwise single precision. */
    public void writeFloat(float value) {
        int half = HalfFloat.exactHalfBits(value);
        if (half >= 0) {
            ensure(3);
            buffer[size++] = (byte) 0xf9;
            buffer[size++] = (byte) (half >>> 8);
            buffer[size++] = (byte) half;
            return;
        }
        ensure(5);
        buffer[size++] = (byte) 0xfa;
        putInt(Float.floatToRawIntBits(value));
    }

    /** An array of floats, each in its shortest exact form. */
    public void writeFloatArray(float[] values) {
        writeArrayHeader(values.length);
        ensure(values.length * 5);
        for (float value : values) {
            writeFloat(value);
        }
    }

    public void writeText(String value) {
        int length = value.length();
        if (isAscii(value, length)) {
            writeHead(3, length);
            ensure(length);
            for (int i = 0; i < length; i++) {
                buffer[size++] = (byte) value.charAt(i);
            }
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeHead(3, utf8.length);
            writeRaw(utf8);
        }
    }

    public void writeBytes(byte[] value) {
        writeHead(2, value.length);
        writeRaw(value);
    }

    public void writeArrayHeader(int length) {
        writeHead(4, length);
    }

    public void writeMapHeader(int length) {
        writeHead(5, length);
    }

    public void writeTag(long tag) {
        writeHead(6, tag);
    }

    /** Bytes that are already a CBOR item, e.g. a value encoded once and sent in several bodies. */
    public void writeRaw(byte[] item) {
        ensure(item.length);
        System.arraycopy(item, 0, buffer, size, item.length);
        size += item.length;
    }

    /** How many bytes the head of an item with argument {@code argument} takes. */
    public static int headSize(long argument) {
        if (argument < 24) {
            return 1;
        }
        if (argument < 0x100) {
            return 2;
        }
        if (argument < 0x10000) {
            return 3;
        }
        return argument < 0x100000000L ? 5 : 9;
    }

    private void writeHead(int major, long argument) {
        ensure(9);
        int type = major << 5;
        if (argument < 24) {
            buffer[size++] = (byte) (type | argument);
        } else if (argument < 0x100) {
            buffer[size++] = (byte) (type | 24);
            buffer[size++] = (byte) argument;
        } else if (argument < 0x10000) {
            buffer[size++] = (byte) (type | 25);
            buffer[size++] = (byte) (argument >>> 8);
            buffer[size++] = (byte) argument;
        } else if (argument < 0x100000000L) {
            buffer[size++] = (byte) (type | 26);
            putInt((int) argument);
        } else {
            buffer[size++] = (byte) (type | 27);
            putLong(argument);
        }
    }

    private static boolean isAscii(String value, int length) {
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void put(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void putInt(int v) {
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new CborException("CBOR item too large: " + wanted + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
