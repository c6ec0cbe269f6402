package io.cortexsync.schema.hash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    /** Expected texts follow ECMAScript's Number::toString, as RFC 8785 requires. */
    @ParameterizedTest
    @CsvSource({
        "1.0, 1",
        "-1.0, -1",
        "0.0, 0",
        "-0.0, 0",
        "0.5, 0.5",
        "1.5, 1.5",
        "100.0, 100",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "1.5e21, 1.5e+21",
        "0.000001, 0.000001",
        "1e-7, 1e-7",
        "1.25e-7, 1.25e-7",
        "-2.5e-10, -2.5e-10",
        "0.1, 0.1",
        "0.3333333333333333, 0.3333333333333333",
        "3.141592653589793, 3.141592653589793",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "2.82879384806159e17, 282879384806159000",
        "123456789012345680000, 123456789012345680000",
        "9007199254740993, 9007199254740992"
    })
    void formatsDoublesAsEcmaScriptDoes(double value, String expected) {
        assertThat(CanonicalJson.formatDouble(value)).isEqualTo(expected);
    }

    /**
     * The fast path (Java's shortest digits, rewritten) against the exact one (BigDecimal, which
     * checks the 1-digit candidates), on random bit patterns and on values users store: floats
     * widened, decimals with few digits, integers, powers of ten at the notation switches.
     */
    @Test
    void theFastPathWritesWhatTheExactOneWrites() {
        SplittableRandom random = new SplittableRandom(7);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add((double) Float.intBitsToFloat(random.nextInt()));
            values.add(random.nextInt(100_000) / Math.pow(10, random.nextInt(12)));
            values.add((double) random.nextLong(1L << 60) * (random.nextBoolean() ? 1 : -1));
        }
        for (int e = -330; e <= 310; e++) {
            for (double m : new double[] {1, 1.5, 2.5, 9.999999999999999, 4.9, 5}) {
                values.add(Double.parseDouble(m + "e" + e));
            }
        }
        values.add(Double.MIN_NORMAL);
        values.add(Math.nextDown(Double.MIN_NORMAL));
        values.add(Double.MIN_VALUE);
        values.add(Double.MAX_VALUE);
        int compared = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                assertThat(CanonicalJson.formatDouble(value)).as("%s", value)
                        .isEqualTo(CanonicalJson.formatWithBigDecimal(value));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(790_000);
    }

    @Test
    void integersAreExactAndFloatsThatAreIntegersMatchThem() {
        assertThat(CanonicalJson.write(1)).isEqualTo("1");
        assertThat(CanonicalJson.write(1.0)).isEqualTo("1");
        assertThat(CanonicalJson.write(1.0f)).isEqualTo("1");
        assertThat(CanonicalJson.write(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(CanonicalJson.write(new BigInteger("12345678901234567890")))
                .isEqualTo("12345678901234567890");
        assertThat(CanonicalJson.write(0.1f)).isEqualTo("0.10000000149011612");
        assertThat(CanonicalJson.write(new BigDecimal("19.99"))).isEqualTo("19.99");
    }

    @Test
    void sortsKeysByUtf16CodeUnitsAtEveryLevel() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", true);
        inner.put("a", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("ﬁ", "fi"); // U+FB01 sorts after the surrogate pair of U+1F680
        outer.put("🚀", "rocket");
        outer.put("é", List.of(inner, "x"));
        outer.put("Z", 1);
        outer.put("_sync", 2);
        assertThat(CanonicalJson.write(outer))
                .isEqualTo(
                        "{\"Z\":1,\"_sync\":2,\"é\":[{\"a\":null,\"b\":true},\"x\"],\"🚀\":\"rocket\",\"ﬁ\":\"fi\"}");
    }

    @Test
    void escapesOnlyWhatRfc8785Escapes() {
        assertThat(CanonicalJson.write("q\"b\\s/\b\t\n\f\r\u0001\u001f\u007f€🚀"))
                .isEqualTo("\"q\\\"b\\\\s/\\b\\t\\n\\f\\r\\u0001\\u001f\u007f€🚀\"");
    }

    @Test
    void rejectsValuesWithoutJsonForm() {
        assertThatThrownBy(() -> CanonicalJson.write(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("x", Float.POSITIVE_INFINITY)))
                .hasMessageContaining("value.x")
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("x", new Object())))
                .hasMessageContaining("unsupported type");
        assertThatThrownBy(() -> CanonicalJson.write(Arrays.asList(new int[] {1})))
                .hasMessageContaining("unsupported type");
    }
}
