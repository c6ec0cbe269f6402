package io.cortexsync.connector.surrealdb.client.cbor;

import io.cortexsync.connector.surrealdb.client.SurrealNone;

import org.apache.flink.annotation.Internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads CBOR items into Java values, with SurrealDB's tags mapped by {@link SurrealTagDecoder}:
 * maps become {@code LinkedHashMap<String, Object>}, arrays {@code ArrayList}, integers {@link
 * Long}, floats of every precision {@link Double}, byte strings {@code byte[]}, {@code null}
 * stays {@code null} and {@code undefined} becomes {@link SurrealNone}.
 *
 * <p>Arrays under the map keys named in {@code floatArrayFields} are read straight into
 * {@code float[]} when they hold only numbers, which spares boxing every element of a vector.
 * Not thread-safe.
 */
@Internal
public final class CborReader {

    private static final int MAX_DEPTH = 512;
    private static final int BREAK = 0xff;

    /** Big-endian views of the input: a vector of 768 doubles is 768 reads, not 6,144 byte reads. */
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    private final int end;
    private final Set<String> floatArrayFields;
    private int pos;
    private int depth;

    public CborReader(byte[] data) {
        this(data, 0, data.length, Set.of());
    }

    public CborReader(byte[] data, int offset, int length, Set<String> floatArrayFields) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length);
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
        this.floatArrayFields = Set.copyOf(floatArrayFields);
    }

    /** Decodes exactly one item that fills {@code data}. */
    public static Object decode(byte[] data) {
        return decode(data, Set.of());
    }

    /** Decodes exactly one item, reading arrays under {@code floatArrayFields} as float[]. */
    public static Object decode(byte[] data, Set<String> floatArrayFields) {
        CborReader reader = new CborReader(data, 0, data.length, floatArrayFields);
        Object value = reader.read();
        if (reader.pos != reader.end) {
            throw new CborException((reader.end - reader.pos) + " trailing bytes after the CBOR item");
        }
        return value;
    }

    public int position() {
        return pos;
    }

    /** Reads the next item. */
    public Object read() {
        if (++depth > MAX_DEPTH) {
            throw new CborException("nesting deeper than " + MAX_DEPTH);
        }
        try {
            return readItem();
        } finally {
            depth--;
        }
    }

    /**
     * Reads an array of numbers (integers or floats of any precision) as a float[].
     *
     * @throws CborException if the next item is not an array of numbers; the position is then
     *     unchanged
     */
    public float[] readFloatArray() {
        int start = pos;
        int initial = nextByte();
        if (initial >>> 5 != 4 || (initial & 0x1f) == 31) {
            pos = start;
            throw new CborException("expected a definite-length array at offset " + start);
        }
        long length = readArgument(initial);
        checkLength(length, 1);
        float[] values = new float[(int) length];
        for (int i = 0; i < values.length; i++) {
            int head = nextByte();
            if (head == 0xf9) {
                values[i] = HalfFloat.toFloat(readUnsigned(2));
            } else if (head == 0xfa) {
                values[i] = Float.intBitsToFloat(readUnsigned(4));
            } else if (head == 0xfb) {
                values[i] = (float) Double.longBitsToDouble(readLong());
            } else if (head >>> 5 == 0 && (head & 0x1f) < 28) {
                values[i] = (float) readArgument(head);
            } else if (head >>> 5 == 1 && (head & 0x1f) < 28) {
                values[i] = (float) (-1 - readArgument(head));
            } else {
                pos = start;
                throw new CborException("element " + i + " of the array at offset " + start + " is not a number");
            }
        }
        return values;
    }

    private Object readItem() {
        int initial = nextByte();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        switch (major) {
            case 0:
                return unsigned(readArgument(initial), false);
            case 1:
                return unsigned(readArgument(initial), true);
            case 2:
                return info == 31 ? readChunks(2) : readBytes(readArgument(initial));
            case 3:
                if (info == 31) {
                    return new String(readChunks(3), StandardCharsets.UTF_8);
                }
                long length = readArgument(initial);
                checkLength(length, 1);
                String text = new String(data, pos, (int) length, StandardCharsets.UTF_8);
                pos += (int) length;
                return text;
            case 4:
                return readArray(info == 31 ? -1 : readArgument(initial));
            case 5:
                return readMap(info == 31 ? -1 : readArgument(initial));
            case 6:
                return SurrealTagDecoder.decode(readArgument(initial), read());
            default:
                return readSimple(initial);
        }
    }

    private List<Object> readArray(long length) {
        if (length < 0) {
            List<Object> items = new ArrayList<>();
            while (!atBreak()) {
                items.add(read());
            }
            return items;
        }
        checkLength(length, 1);
        List<Object> items = new ArrayList<>((int) length);
        for (long i = 0; i < length; i++) {
            items.add(read());
        }
        return items;
    }

    private Map<String, Object> readMap(long length) {
        if (length >= 0) {
            checkLength(length, 2);
        }
        Map<String, Object> map = new LinkedHashMap<>(length < 0 ? 16 : (int) Math.min(length * 2, 1 << 16));
        for (long i = 0; length < 0 ? !atBreak() : i < length; i++) {
            Object key = read();
            String name = key instanceof String ? (String) key : String.valueOf(key);
            map.put(name, floatArrayFields.contains(name) ? readVectorOrValue() : read());
        }
        return map;
    }

    /** A vector field read as float[]; anything else (a wrong type, say) is read as it is. */
    private Object readVectorOrValue() {
        if (pos < end && (data[pos] & 0xff) >>> 5 == 4) {
            try {
                return readFloatArray();
            } catch (CborException notNumbers) {
                // position restored: read it as a plain value so the caller can report it
            }
        }
        return read();
    }

    private Object readSimple(int initial) {
        switch (initial) {
            case 0xf4:
                return Boolean.FALSE;
            case 0xf5:
                return Boolean.TRUE;
            case 0xf6:
                return null;
            case 0xf7:
                return SurrealNone.NONE;
            case 0xf9:
                return (double) HalfFloat.toFloat(readUnsigned(2));
            case 0xfa:
                return (double) Float.intBitsToFloat(readUnsigned(4));
            case 0xfb:
                return Double.longBitsToDouble(readLong());
            default:
                throw new CborException(String.format("unsupported simple value 0x%02x at offset %d", initial, pos - 1));
        }
    }

    private Object unsigned(long argument, boolean negative) {
        if (argument >= 0) {
            return negative ? -1 - argument : argument;
        }
        BigInteger big = new BigInteger(Long.toUnsignedString(argument));
        return negative ? big.negate().subtract(BigInteger.ONE) : big;
    }

    private byte[] readBytes(long length) {
        checkLength(length, 1);
        byte[] bytes = Arrays.copyOfRange(data, pos, pos + (int) length);
        pos += (int) length;
        return bytes;
    }

    /** The definite-length chunks of an indefinite-length byte or text string, joined. */
    private byte[] readChunks(int major) {
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        while (!atBreak()) {
            int initial = nextByte();
            if (initial >>> 5 != major || (initial & 0x1f) == 31) {
                throw new CborException("bad chunk in an indefinite-length string at offset " + (pos - 1));
            }
            joined.writeBytes(readBytes(readArgument(initial)));
        }
        return joined.toByteArray();
    }

    private boolean atBreak() {
        if (pos >= end) {
            throw new CborException("unexpected end of input: missing break");
        }
        if ((data[pos] & 0xff) == BREAK) {
            pos++;
            return true;
        }
        return false;
    }

    /** The argument of a head; an unsigned 64-bit value may come back negative. */
    private long readArgument(int initial) {
        int info = initial & 0x1f;
        if (info < 24) {
            return info;
        }
        switch (info) {
            case 24:
                return readUnsigned(1);
            case 25:
                return readUnsigned(2);
            case 26:
                return readUnsigned(4) & 0xffffffffL;
            case 27:
                return readLong();
            default:
                throw new CborException("reserved additional information " + info + " at offset " + (pos - 1));
        }
    }

    private int readUnsigned(int bytes) {
        require(bytes);
        if (bytes == 4) {
            int value = (int) INT_BE.get(data, pos);
            pos += 4;
            return value;
        }
        int value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | (data[pos++] & 0xff);
        }
        return value;
    }

    private long readLong() {
        require(8);
        long value = (long) LONG_BE.get(data, pos);
        pos += 8;
        return value;
    }

    private int nextByte() {
        require(1);
        return data[pos++] & 0xff;
    }

    /** Rejects lengths the rest of the input cannot hold, before allocating for them. */
    private void checkLength(long length, int minBytesPerItem) {
        if (length < 0 || length > (long) (end - pos) / minBytesPerItem) {
            throw new CborException("length " + Long.toUnsignedString(length) + " exceeds the input at offset " + pos);
        }
    }

    private void require(int bytes) {
        if (end - pos < bytes) {
            throw new CborException("unexpected end of input at offset " + pos);
        }
    }
}
