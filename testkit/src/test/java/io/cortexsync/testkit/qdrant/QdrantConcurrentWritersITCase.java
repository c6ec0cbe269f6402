package io.cortexsync.testkit.qdrant;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.cortexsync.testkit.qdrant.QdrantTestClients.await;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.createCollection;
import static io.cortexsync.testkit.qdrant.QdrantTestClients.point;
import static io.qdrant.client.PointIdFactory.id;
import static org.assertj.core.api.Assertions.assertThat;

/** Several writers at once, as parallel Flink tasks write, with 768-dimensional vectors. */
@Timeout(180)
class QdrantConcurrentWritersITCase {

    private static final int DIMS = 768;
    private static final int WRITERS = 4;
    private static final int BATCHES_PER_WRITER = 25;
    private static final int BATCH = 100;

    @Test
    void concurrentBatchesAllLandAndReadersSeeWholeBatches() throws Exception {
        try (QdrantTestServer server = QdrantTestServer.builder().build().start();
                QdrantClient client = QdrantTestClients.connect(server)) {
            String c = createCollection(client, "concurrent", DIMS, Distance.Dot);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            try {
                long start = System.nanoTime();
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int b = 0; b < BATCHES_PER_WRITER; b++) {
                            int first = (writer * BATCHES_PER_WRITER + b) * BATCH;
                            List<PointStruct> batch = IntStream.range(first, first + BATCH)
                                    .mapToObj(i -> point(id(i), vectorOf(i)))
                                    .toList();
                            await(client.upsertAsync(c, batch));
                        }
                    }));
                }
                Future<List<Long>> reader = pool.submit(() -> {
                    List<Long> counts = new ArrayList<>();
                    while (writers.stream().anyMatch(f -> !f.isDone())) {
                        counts.add(await(client.countAsync(c)));
                    }
                    return counts;
                });
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                // A batch is applied under one lock, so a reader never sees part of one.
                assertThat(reader.get(30, TimeUnit.SECONDS)).allSatisfy(n -> assertThat(n % BATCH).isZero());
                long total = (long) WRITERS * BATCHES_PER_WRITER * BATCH;
                assertThat(await(client.countAsync(c))).isEqualTo(total);
                System.out.printf("%d x %d-dim points written by %d writers in %d ms%n",
                        total, DIMS, WRITERS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

                assertThat(scrollAll(client, c)).isEqualTo(total);
                List<ScoredPoint> hits = await(client.searchAsync(SearchPoints.newBuilder()
                        .setCollectionName(c).addAllVector(boxed(vectorOf(1234))).setLimit(3).build()));
                assertThat(hits).hasSize(3);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Pages through everything and checks that ids only ever increase. */
    private static long scrollAll(QdrantClient client, String collection) {
        long seen = 0;
        long last = -1;
        PointId offset = null;
        do {
            ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(collection).setLimit(1000);
            if (offset != null) {
                request.setOffset(offset);
            }
            ScrollResponse page = await(client.scrollAsync(request.build()));
            for (var point : page.getResultList()) {
                assertThat(point.getId().getNum()).isGreaterThan(last);
                last = point.getId().getNum();
                seen++;
            }
            offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
        } while (offset != null);
        return seen;
    }

    private static float[] vectorOf(int seed) {
        float[] vector = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            vector[i] = ((seed * 7919 + i * 31) % 1000) / 1000f;
        }
        return vector;
    }

    private static List<Float> boxed(float[] vector) {
        List<Float> list = new ArrayList<>(vector.length);
        for (float x : vector) {
            list.add(x);
        }
        return list;
    }
}
