package io.cortexsync.connector.surrealdb.client.cbor;

/** IEEE 754 half precision (binary16), which SurrealDB uses for floats that fit it. */
final class HalfFloat {

    private HalfFloat() {}

    static float toFloat(int half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // subnormal: mantissa * 2^-24
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** The half-precision bits of {@code value}, or -1 when it has no exact half form. */
    static int exactHalfBits(float value) {
        if (Float.isNaN(value)) {
            return 0x7e00;
        }
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127;
        int mantissa = bits & 0x7fffff;
        if (exponent == 128) {
            return mantissa == 0 ? sign | 0x7c00 : -1;
        }
        if (exponent >= -14 && exponent <= 15) {
            if ((mantissa & 0x1fff) != 0) {
                return -1;
            }
            return sign | ((exponent + 15) << 10) | (mantissa >>> 13);
        }
        if (exponent >= -24 && exponent < -14) {
            // subnormal half: value = m * 2^-24 with m < 1024
            float scaled = Math.abs(value) * 0x1p24f;
            int m = (int) scaled;
            return m == scaled ? sign | m : -1;
        }
        return (bits & 0x7fffffff) == 0 ? sign : -1;
    }
}
