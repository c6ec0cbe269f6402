package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.EncodedPoint;
import io.cortexsync.connector.qdrant.convert.PointEncoder;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vectors;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PointChecksTest {

    private final PointChecks checks = new PointChecks(3);

    @Test
    void passesAGoodPoint() {
        assertThat(checks.problem(upsert(PointIdFactory.id(UUID.randomUUID()), VectorsFactory.vectors(1, 2, 3)))).isNull();
        assertThat(checks.problem(QdrantWrite.delete(PointIdFactory.id(7), null, () -> ""))).isNull();
    }

    @Test
    void namesNonFiniteElementsAndWrongDimensions() {
        assertThat(checks.problem(upsert(PointIdFactory.id(1), VectorsFactory.vectors(1, Float.NaN, 3))))
                .contains("element 1 is NaN");
        assertThat(checks.problem(upsert(PointIdFactory.id(1), VectorsFactory.vectors(1, 2, Float.NEGATIVE_INFINITY))))
                .contains("element 2 is -Infinity");
        assertThat(checks.problem(upsert(PointIdFactory.id(1), VectorsFactory.vectors(1, 2))))
                .contains("dimension 2").contains("3");
        Vectors named = Vectors.newBuilder()
                .setVectors(NamedVectors.newBuilder().putVectors("v", VectorFactory.vector(1, Float.POSITIVE_INFINITY)))
                .build();
        assertThat(checks.problem(upsert(PointIdFactory.id(1), named))).contains("'v'").contains("Infinity");
        assertThat(new PointChecks(0).problem(upsert(PointIdFactory.id(1), VectorsFactory.vectors(1, 2)))).isNull();
    }

    @Test
    void checksPointsInWireFormAsPointMessages() {
        PointEncoder encoder = new PointEncoder();
        assertThat(checks.problem(encoded(encoder.begin().encode(PointIdFactory.id(1), new float[] {1, 2, 3})))).isNull();
        assertThat(checks.problem(encoded(encoder.begin().encode(PointIdFactory.id(1), new float[] {1, Float.NaN, 3}))))
                .isEqualTo(checks.problem(upsert(PointIdFactory.id(1), VectorsFactory.vectors(1, Float.NaN, 3))))
                .contains("element 1 is NaN");
        assertThat(checks.problem(encoded(encoder.begin().encode(PointIdFactory.id(1), new float[] {1, 2}))))
                .isEqualTo(checks.problem(upsert(PointIdFactory.id(1), VectorsFactory.vectors(1, 2))))
                .contains("dimension 2");
        assertThat(checks.problem(encoded(encoder.begin().encode(
                PointId.newBuilder().setUuid("not-a-uuid").build(), new float[] {1, 2, 3}))))
                .contains("Unable to parse UUID");
    }

    @Test
    void refusesIdsQdrantCannotParse() {
        assertThat(checks.problem(QdrantWrite.delete(PointId.newBuilder().setUuid("not-a-uuid").build(), null, () -> "")))
                .contains("Unable to parse UUID: not-a-uuid");
        assertThat(checks.problem(QdrantWrite.delete(PointId.getDefaultInstance(), null, () -> "")))
                .contains("Empty ID");
        assertThat(PointChecks.idProblem(PointId.newBuilder().setUuid("550E8400E29B41D4A716446655440000").build())).isNull();
        assertThat(PointChecks.idProblem(
                PointId.newBuilder().setUuid("urn:uuid:550e8400-e29b-41d4-a716-446655440000").build())).isNull();
    }

    /** The UUID forms Qdrant parses, against near misses: one character changed, one more or less. */
    @Test
    void acceptsExactlyTheUuidForms() {
        Pattern hyphenated = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        Pattern simple = Pattern.compile("[0-9a-fA-F]{32}");
        String alphabet = "0123456789abcdefABCDEFgG-:xz \u0660\uff21";
        SplittableRandom random = new SplittableRandom(5);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            String text = random.nextBoolean() ? uuid.toString() : uuid.toString().replace("-", "");
            if (random.nextBoolean()) {
                text = random.nextBoolean() ? text.toUpperCase(Locale.ROOT) : text;
                StringBuilder changed = new StringBuilder(text);
                int at = random.nextInt(changed.length());
                switch (random.nextInt(3)) {
                    case 0 -> changed.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> changed.deleteCharAt(at);
                    default -> changed.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text = changed.toString();
            }
            String id = random.nextInt(4) == 0 ? "URN:uuid:" + text : text;
            String bare = id.regionMatches(true, 0, "urn:uuid:", 0, 9) ? id.substring(9) : id;
            boolean expected = hyphenated.matcher(bare).matches() || simple.matcher(bare).matches();
            assertThat(PointChecks.idProblem(PointId.newBuilder().setUuid(id).build()) == null).as(id).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("both outcomes are exercised").isBetween(5_000, 15_000);
    }

    @Test
    void refusesAPointWithoutVectors() {
        assertThat(checks.problem(QdrantWrite.upsert(PointStruct.newBuilder().setId(PointIdFactory.id(1)).build(), null, () -> "")))
                .contains("no vectors");
    }

    private static QdrantWrite encoded(EncodedPoint point) {
        return QdrantWrite.upsert(point, "t:1", () -> "");
    }

    private static QdrantWrite upsert(PointId id, Vectors vectors) {
        return QdrantWrite.upsert(PointStruct.newBuilder().setId(id).setVectors(vectors).build(), "t:1", () -> "");
    }
}
