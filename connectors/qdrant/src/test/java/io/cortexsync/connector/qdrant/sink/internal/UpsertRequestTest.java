package io.cortexsync.connector.qdrant.sink.internal;

import io.cortexsync.connector.qdrant.convert.PointEncoder;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.UpsertPoints;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpsertRequestTest {

    @Test
    void drainsTheMessageTheGeneratedRequestWouldBe() throws Exception {
        List<PendingPoint> points = points();
        UpsertRequest request = new UpsertRequest("docs", true, points);
        UpsertPoints expected = expected(points);

        InputStream stream = UpsertRequest.MARSHALLER.stream(request);
        assertThat(stream).isInstanceOf(KnownLength.class).isInstanceOf(Drainable.class);
        assertThat(stream.available()).isEqualTo(expected.getSerializedSize());
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        assertThat(((Drainable) stream).drainTo(drained)).isEqualTo(expected.getSerializedSize());
        assertThat(stream.available()).isZero();

        assertThat(UpsertPoints.parseFrom(drained.toByteArray())).isEqualTo(expected);
        assertThat(drained.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void readsTheSameBytesWhenReadInsteadOfDrained() throws Exception {
        List<PendingPoint> points = points();
        InputStream stream = UpsertRequest.MARSHALLER.stream(new UpsertRequest("docs", true, points));
        int first = stream.read();
        byte[] rest = stream.readAllBytes();
        byte[] all = new byte[rest.length + 1];
        all[0] = (byte) first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        assertThat(all).isEqualTo(expected(points).toByteArray());
        assertThat(stream.available()).isZero();
    }

    /** Points in wire form and point messages (from a user's converter) mixed in one request. */
    private static List<PendingPoint> points() {
        PointEncoder encoder = new PointEncoder();
        List<PendingPoint> points = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            float[] vector = new float[300];
            vector[i] = i;
            QdrantWrite write = i % 3 == 0
                    ? QdrantWrite.upsert(PointStruct.newBuilder()
                            .setId(PointIdFactory.id(i))
                            .setVectors(VectorsFactory.vectors(vector))
                            .putAllPayload(Map.of("n", ValueFactory.value(i)))
                            .build(), "t:" + i, () -> "")
                    : QdrantWrite.upsert(encoder.begin().field("n", (long) i).encode(PointIdFactory.id(i), vector),
                            "t:" + i, () -> "");
            points.add(new PendingPoint(write));
        }
        return points;
    }

    private static UpsertPoints expected(List<PendingPoint> points) {
        UpsertPoints.Builder request = UpsertPoints.newBuilder().setCollectionName("docs").setWait(true);
        points.forEach(p -> request.addPoints(p.write().point()));
        return request.build();
    }
}
