package io.cortexsync.connector.surrealdb.client.cbor;

import io.cortexsync.connector.surrealdb.client.SurrealNone;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.RecordId;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codec beyond the engine's replies: every float width, odd inputs, malformed bytes, large pages. */
class CborCodecTest {

    @Test
    void everyHalfPrecisionValueSurvivesTheRoundTrip() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = HalfFloat.toFloat(bits);
            int back = HalfFloat.exactHalfBits(value);
            if (Float.isNaN(value)) {
                assertThat(back).isEqualTo(0x7e00);
            } else {
                assertThat(back).as("half 0x%04x", bits).isEqualTo(bits);
            }
        }
    }

    @Test
    void floatsTakeTheirShortestExactWidth() {
        assertThat(hex(1.5)).isEqualTo("f93e00");
        assertThat(hex(5.960464477539063e-8)).isEqualTo("f90001"); // the smallest half subnormal
        assertThat(hex(100000.5f)).isEqualTo("fa47c35040");
        assertThat(hex(0.1)).isEqualTo("fb3fb999999999999a");
        assertThat(hex(Double.NaN)).isEqualTo("f97e00");
        assertThat(hex(1e-45f)).startsWith("fa"); // a float subnormal has no half form
    }

    @Test
    void floatArraysAreWrittenAndReadWithoutLoss() {
        Random random = new Random(7);
        float[] vector = new float[768];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = random.nextFloat() * 2 - 1;
        }
        vector[0] = 0.5f;
        vector[1] = 3;
        byte[] bytes = CborWriter.encode(Map.of("v", vector));
        Map<?, ?> decoded = (Map<?, ?>) CborReader.decode(bytes, Set.of("v"));
        assertThat((float[]) decoded.get("v")).containsExactly(vector);
    }

    /** A vector of every width the engine writes: 32-bit floats, half, double, integers. */
    @Test
    void aVectorOfMixedWidthsIsReadElementByElementAfterItsFloats() {
        // {"v": [100000.5f, -2.5e-40f, 1.5 (half), 0.1 (double), 7, -3, 100000.5f]}
        byte[] bytes = HexFormat.of().parseHex("a1617687" + "fa47c35040" + "fa801b3964" + "f93e00"
                + "fb3fb999999999999a" + "07" + "22" + "fa47c35040");
        Map<?, ?> decoded = (Map<?, ?>) CborReader.decode(bytes, Set.of("v"));
        assertThat((float[]) decoded.get("v"))
                .containsExactly(100000.5f, Float.intBitsToFloat(0x801b3964), 1.5f, 0.1f, 7f, -3f, 100000.5f);
    }

    @Test
    void aTruncatedVectorOfFloatsIsAnError() {
        byte[] whole = CborWriter.encode(List.of(Map.of("v", new float[] {100000.5f, 100000.5f, 100000.5f})));
        for (int cut = whole.length - 1; cut > 4; cut--) {
            byte[] truncated = java.util.Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> CborReader.decode(truncated, Set.of("v"))).as("cut at %d", cut)
                    .isInstanceOf(CborException.class);
        }
    }

    @Test
    void aVectorFieldThatIsNotNumbersIsReadAsItIs() {
        byte[] bytes = CborWriter.encode(Map.of("v", List.of(1L, "two"), "w", "text"));
        Map<?, ?> decoded = (Map<?, ?>) CborReader.decode(bytes, Set.of("v", "w"));
        assertThat(decoded.get("v")).isEqualTo(List.of(1L, "two"));
        assertThat(decoded.get("w")).isEqualTo("text");
    }

    @Test
    void schemaRecordIdsAreWrittenAsTag8() {
        UUID key = UUID.randomUUID();
        Object decoded = CborReader.decode(CborWriter.encode(RecordId.of("doc", key)));
        assertThat(decoded).isEqualTo(SurrealRecordId.of("doc", key));
        assertThat(((SurrealRecordId) decoded).toRecordId()).isEqualTo(RecordId.of("doc", key));
    }

    @Test
    void indefiniteLengthsUndefinedAndBignumsAreRead() {
        // {_ "a": [_ 1, 2], "b": (_ "x", "y")} and undefined
        assertThat(CborReader.decode(bytes("bf61619f0102ff61627f61786179ffff")))
                .isEqualTo(Map.of("a", List.of(1L, 2L), "b", "xy"));
        assertThat(CborReader.decode(bytes("f7"))).isEqualTo(SurrealNone.NONE);
        assertThat(CborReader.decode(bytes("1bffffffffffffffff"))).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(CborReader.decode(bytes("3bffffffffffffffff"))).isEqualTo(new BigInteger("-18446744073709551616"));
    }

    @Test
    void unknownTagsAreKeptAndWrittenBack() {
        byte[] point = bytes("d85882f93c00f94000"); // tag 88, a geometry point [1.0, 2.0]
        Object decoded = CborReader.decode(point);
        assertThat(decoded).isEqualTo(new CborTagged(88, List.of(1.0, 2.0)));
        assertThat(CborWriter.encode(decoded)).isEqualTo(point);
    }

    @Test
    void malformedInputIsRejectedWithoutHugeAllocations() {
        assertThatThrownBy(() -> CborReader.decode(bytes("9bffffffffffffffff"))).isInstanceOf(CborException.class);
        assertThatThrownBy(() -> CborReader.decode(bytes("5a7fffffff00"))).isInstanceOf(CborException.class);
        assertThatThrownBy(() -> CborReader.decode(bytes("8201"))).hasMessageContaining("exceeds the input");
        assertThatThrownBy(() -> CborReader.decode(bytes("81f93c"))).hasMessageContaining("end of input");
        assertThatThrownBy(() -> CborReader.decode(bytes("0101"))).hasMessageContaining("trailing");
        assertThatThrownBy(() -> CborReader.decode(bytes("c8820102"))).hasMessageContaining("tag 8");
        assertThatThrownBy(() -> CborReader.decode(bytes("9f".repeat(600) + "ff".repeat(600))))
                .hasMessageContaining("nesting");
        assertThatThrownBy(() -> CborWriter.encode(Map.of(1, 2))).hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> CborWriter.encode(new Object())).hasMessageContaining("no SurrealDB value");
    }

    @Test
    void decodesAPageOfVectorRecords() {
        Random random = new Random(1);
        List<Object> records = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            float[] vector = new float[768];
            for (int j = 0; j < vector.length; j++) {
                vector[j] = random.nextFloat();
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", SurrealRecordId.of("doc", i));
            record.put("title", "record " + i);
            record.put("embedding", vector);
            records.add(record);
        }
        // the rate is measured by bench.sh cbor-decode (CborDecodeBench), never here
        List<?> decoded = (List<?>) CborReader.decode(CborWriter.encode(records), Set.of("embedding"));
        assertThat(decoded).hasSize(1000);
        for (int i = 0; i < decoded.size(); i++) {
            Map<?, ?> record = (Map<?, ?>) decoded.get(i);
            Map<?, ?> written = (Map<?, ?>) records.get(i);
            assertThat(record.get("id")).isEqualTo(written.get("id"));
            assertThat(record.get("title")).isEqualTo(written.get("title"));
            assertThat((float[]) record.get("embedding")).containsExactly((float[]) written.get("embedding"));
        }
    }

    private static String hex(double value) {
        return HexFormat.of().formatHex(CborWriter.encode(value));
    }

    private static String hex(float value) {
        return HexFormat.of().formatHex(CborWriter.encode(value));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
