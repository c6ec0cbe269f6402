package io.cortexsync.connector.qdrant.convert;

import com.google.protobuf.InvalidProtocolBufferException;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.NullValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PointEncoderTest {

    @Test
    void writesTheBytesTheGeneratedCodeWritesForTheSamePoint() throws Exception {
        PointEncoder encoder = new PointEncoder();
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 500; n++) {
            PointId id = random.nextBoolean() ? PointIdFactory.id(new UUID(random.nextLong(), random.nextLong()))
                    : PointIdFactory.id(random.nextLong(0, Long.MAX_VALUE));
            float[] vector = vector(random, random.nextInt(0, 1100));
            Map<String, Object> payload = new LinkedHashMap<>();
            int fields = random.nextInt(0, 8);
            for (int f = 0; f < fields; f++) {
                payload.put(text(random, 12), value(random, 3));
            }

            encoder.begin();
            payload.forEach(encoder::field);
            EncodedPoint encoded = encoder.encode(id, vector);

            PointStruct expected = reference(id, vector, payload);
            PointStruct parsed = encoded.toPointStruct();
            assertThat(parsed).isEqualTo(expected);
            // same field order and sizes as the generated serializer: the bytes round-trip exactly
            assertThat(bytes(encoded)).isEqualTo(parsed.toByteArray());
            assertThat(encoded.size()).isEqualTo(expected.getSerializedSize());
            assertThat(encoded.id()).isEqualTo(id);
            assertThat(encoded.dimension()).isEqualTo(vector.length);
            assertThat(encoded.firstNonFinite()).isEqualTo(-1);
        }
    }

    @Test
    void keepsEveryFloatBitPatternAndNotesTheFirstNonFiniteElement() {
        float[] vector = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.intBitsToFloat(0x7fc00001),
            Float.NEGATIVE_INFINITY, 1.5f};
        EncodedPoint encoded = new PointEncoder().begin().encode(PointIdFactory.id(1), vector);
        List<Float> data = encoded.toPointStruct().getVectors().getVector().getDense().getDataList();
        for (int i = 0; i < vector.length; i++) {
            assertThat(Float.floatToRawIntBits(data.get(i))).as("element %d", i).isEqualTo(Float.floatToRawIntBits(vector[i]));
        }
        assertThat(encoded.firstNonFinite()).isEqualTo(4);
        assertThat(encoded.nonFiniteValue()).isNaN();
    }

    @Test
    void aBufferIsEncodedFromItsPositionToItsLimit() {
        float[] all = {9f, 1f, Float.NaN, 2f, 9f};
        FloatBuffer middle = FloatBuffer.wrap(all, 1, 3).asReadOnlyBuffer();
        EncodedPoint encoded = new PointEncoder().begin().field("k", "v").encode(PointIdFactory.id(3), middle);
        assertThat(encoded.toPointStruct().getVectors().getVector().getDense().getDataList()).containsExactly(1f, Float.NaN, 2f);
        assertThat(encoded.dimension()).isEqualTo(3);
        assertThat(encoded.firstNonFinite()).isEqualTo(1);
        assertThat(encoded.nonFiniteValue()).isNaN();
        assertThat(middle.position()).as("the caller's buffer is left as it was").isEqualTo(1);
    }

    @Test
    void aBufferReusedForASmallerPointLeavesNoTraceOfTheLargerOne() throws Exception {
        PointEncoder encoder = new PointEncoder();
        encoder.begin().field("a", "x".repeat(300)).encode(PointIdFactory.id(1), vector(new SplittableRandom(1), 1024));
        float[] small = {1f, 2f};
        EncodedPoint encoded = encoder.begin().field("b", 1L).encode(PointIdFactory.id(2), small);
        assertThat(encoded.toPointStruct()).isEqualTo(reference(PointIdFactory.id(2), small, Map.of("b", 1L)));
    }

    @Test
    void namesTheFieldOfAValueThatIsNoPayloadValue() {
        assertThatThrownBy(() -> encode("big", BigInteger.TWO.pow(70)))
                .isInstanceOf(InvalidPointException.class)
                .hasMessage("payload field big holds the integer 1180591620717411303424, outside Qdrant's 64-bit integers");
        assertThatThrownBy(() -> encode("tags", List.of("a", Double.NaN)))
                .hasMessage("payload field tags[1] is NaN, which JSON cannot hold");
        assertThatThrownBy(() -> encode("nested", Map.of("k", List.of(Float.POSITIVE_INFINITY))))
                .hasMessage("payload field nested.k[0] is Infinity, which JSON cannot hold");
        assertThatThrownBy(() -> encode("when", new Object()))
                .hasMessage("payload field when has the unsupported type java.lang.Object");
    }

    private static EncodedPoint encode(String key, Object value) {
        return new PointEncoder().begin().field("ok", "fine").field(key, value).encode(PointIdFactory.id(1), new float[] {1f});
    }

    private static byte[] bytes(EncodedPoint point) throws Exception {
        byte[] bytes = new byte[point.size()];
        com.google.protobuf.CodedOutputStream out = com.google.protobuf.CodedOutputStream.newInstance(bytes);
        point.writeTo(out);
        out.checkNoSpaceLeft();
        return bytes;
    }

    /** The point built with the generated builders, as the sink built it before it wrote wire forms. */
    private static PointStruct reference(PointId id, float[] vector, Map<String, ?> payload)
            throws InvalidProtocolBufferException {
        DenseVector.Builder dense = DenseVector.newBuilder();
        for (float v : vector) {
            dense.addData(v);
        }
        PointStruct.Builder point = PointStruct.newBuilder()
                .setId(id)
                .setVectors(Vectors.newBuilder().setVector(Vector.newBuilder().setDense(dense)));
        payload.forEach((k, v) -> point.putPayload(k, referenceValue(v)));
        return point.build();
    }

    private static Value referenceValue(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        } else if (value instanceof String) {
            return Value.newBuilder().setStringValue((String) value).build();
        } else if (value instanceof Boolean) {
            return Value.newBuilder().setBoolValue((Boolean) value).build();
        } else if (value instanceof Double) {
            return Value.newBuilder().setDoubleValue((Double) value).build();
        } else if (value instanceof Long) {
            return Value.newBuilder().setIntegerValue((Long) value).build();
        } else if (value instanceof List) {
            ListValue.Builder list = ListValue.newBuilder();
            ((List<?>) value).forEach(item -> list.addValues(referenceValue(item)));
            return Value.newBuilder().setListValue(list).build();
        }
        Struct.Builder struct = Struct.newBuilder();
        ((Map<?, ?>) value).forEach((k, v) -> struct.putFields((String) k, referenceValue(v)));
        return Value.newBuilder().setStructValue(struct).build();
    }

    private static float[] vector(SplittableRandom random, int dimension) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) random.nextDouble(-1, 1);
        }
        return vector;
    }

    /** Text with multi-byte and supplementary characters, so UTF-8 lengths differ from char counts. */
    private static String text(SplittableRandom random, int maxLength) {
        String[] pieces = {"a", "Z", "é", "ß", "日本", "🚀", " ", "_", "0"};
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(0, maxLength);
        for (int i = 0; i < length; i++) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    /** A JSON-like value; long strings and lists reach lengths whose varint takes two or three bytes. */
    private static Object value(SplittableRandom random, int depth) {
        switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0:
                return null;
            case 1:
                return text(random, 20);
            case 2:
                return "x".repeat(random.nextInt(100, 20_000));
            case 3:
                return random.nextBoolean();
            case 4:
                return random.nextLong() >> random.nextInt(64);
            case 5:
                return random.nextDouble(-1e9, 1e9);
            case 6:
                return (long) -random.nextInt(1000);
            case 7: {
                List<Object> list = new ArrayList<>(Arrays.asList(new Object[random.nextInt(0, 40)]));
                list.replaceAll(ignored -> value(random, depth - 1));
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                int n = random.nextInt(0, 5);
                for (int i = 0; i < n; i++) {
                    map.put(text(random, 8), value(random, depth - 1));
                }
                return map;
            }
        }
    }
}
