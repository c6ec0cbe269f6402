package io.cortexsync.connector.qdrant.source.reader;

import io.cortexsync.connector.qdrant.source.QdrantPayloadSelector;
import io.cortexsync.connector.qdrant.source.QdrantPoint;
import io.cortexsync.connector.qdrant.source.QdrantPointId;
import io.cortexsync.connector.qdrant.source.QdrantSource;
import io.cortexsync.connector.qdrant.source.QdrantSourceConfig;
import io.cortexsync.connector.qdrant.source.QdrantSourceTestData;
import io.cortexsync.connector.qdrant.source.split.QdrantSplit;
import io.cortexsync.connector.qdrant.source.split.QdrantSplitState;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.grpc.Status;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The split reader on the testkit's Qdrant server: ranges, page cuts, restored offsets, retries. */
@Timeout(120)
class QdrantSplitReaderITCase {

    private static final int PARTITION_BITS = 4;
    private static final int UUID_POINTS = 600;
    private static final int NUMERIC_POINTS = 9;

    private static QdrantTestServer qdrant;
    private static List<QdrantPointId> written;

    @BeforeAll
    static void start() throws Exception {
        qdrant = QdrantTestServer.builder().port(0).build().start();
        written = QdrantSourceTestData.write(qdrant, "points", UUID_POINTS, NUMERIC_POINTS);
    }

    @AfterAll
    static void stop() {
        qdrant.close();
    }

    @Test
    void eachPartitionIsOneSplitHoldingExactlyThePointsOfThatPartition() throws Exception {
        List<QdrantPointId> readInAll = new ArrayList<>();
        try (Reading reading = new Reading(config("points", 7))) {
            for (QdrantSplit split : QdrantSplit.all(PARTITION_BITS)) {
                List<QdrantPointId> ids = ids(reading.readAll(split));
                Set<QdrantPointId> expected = new HashSet<>();
                for (QdrantPointId id : written) {
                    boolean inSplit = split.isNumericIds()
                            ? !id.isUuid()
                            : id.isUuid() && PointIds.partition(id.asUuid(), PARTITION_BITS) == split.partition();
                    if (inSplit) {
                        expected.add(id);
                    }
                }
                assertThat(ids).as(split.toString()).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(ids).as("scroll order of " + split).isSorted();
                readInAll.addAll(ids);
            }
        }
        assertThat(readInAll).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void aSplitRestoredFromTheOffsetAfterAnyEmittedPointReadsExactlyTheRest() throws Exception {
        QdrantSplit split = QdrantSplit.partition(PARTITION_BITS, 5);
        try (Reading reading = new Reading(config("points", 4))) {
            List<ScrolledPoint> whole = reading.readAll(split);
            assertThat(whole.size()).isGreaterThan(20);
            for (int k : new int[] {0, 3, 4, 11, whole.size() - 2, whole.size() - 1}) {
                QdrantSplitState state = new QdrantSplitState(split);
                for (int i = 0; i <= k; i++) {
                    state.emitted(whole.get(i).next);
                }
                QdrantSplit restored = state.toSplit();
                List<QdrantPointId> rest = ids(reading.readAll(restored));
                assertThat(rest).as("restored after point " + k + ": " + restored)
                        .containsExactlyElementsOf(ids(whole.subList(k + 1, whole.size())));
                assertThat(restored.isFinished()).isEqualTo(k == whole.size() - 1);
            }
        }
    }

    @Test
    void transientScrollFailuresAreRetriedWithoutLosingOrRepeatingPoints() throws Exception {
        QdrantSplit split = QdrantSplit.partition(PARTITION_BITS, 9);
        try (Reading reading = new Reading(config("points", 5))) {
            List<QdrantPointId> clean = ids(reading.readAll(split));
            qdrant.faults().failNext(2, Status.Code.UNAVAILABLE, "Scroll");
            qdrant.faults().failNext(1, Status.Code.DEADLINE_EXCEEDED, "Scroll");
            List<QdrantPointId> retried = ids(reading.readAll(split));
            assertThat(retried).containsExactlyElementsOf(clean);
            assertThat(reading.retries.getCount()).isEqualTo(3);
        }
    }

    @Test
    void aMissingCollectionFailsTheReadNamingIt() throws Exception {
        try (Reading reading = new Reading(config("no_such_collection", 5))) {
            assertThatThrownBy(() -> reading.readAll(QdrantSplit.partition(PARTITION_BITS, 0)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("'no_such_collection'")
                    .hasMessageContaining("NOT_FOUND");
            assertThat(reading.retries.getCount()).isZero();
        }
    }

    @Test
    void countsPagesAndTheBytesOfTheReplies() throws Exception {
        try (Reading reading = new Reading(config("points", 10))) {
            reading.readAll(QdrantSplit.partition(PARTITION_BITS, 2));
            assertThat(reading.pages.getCount()).isGreaterThan(2);
            assertThat(reading.bytes.getCount()).isGreaterThan(reading.pages.getCount() * 10 * 40);
        }
    }

    private static QdrantSourceConfig config(String collection, int pageSize) {
        return QdrantSource.<QdrantPoint>builder()
                .setConnectionConfig(QdrantSourceTestData.connection(qdrant))
                .setCollectionName(collection)
                .setPartitionBits(PARTITION_BITS)
                .setPageSize(pageSize)
                .setPayloadSelector(QdrantPayloadSelector.none())
                .setInitialBackoff(Duration.ofMillis(5))
                .setMaxBackoff(Duration.ofMillis(20))
                .build()
                .config();
    }

    private static List<QdrantPointId> ids(List<ScrolledPoint> points) {
        List<QdrantPointId> ids = new ArrayList<>(points.size());
        points.forEach(p -> ids.add(QdrantPointId.of(p.point.getId())));
        return ids;
    }

    /** A split reader with counters a test can read. */
    private static final class Reading implements AutoCloseable {
        final SimpleCounter pages = new SimpleCounter();
        final SimpleCounter retries = new SimpleCounter();
        final SimpleCounter bytes = new SimpleCounter();
        final QdrantSplitReader reader;

        Reading(QdrantSourceConfig config) {
            reader = new QdrantSplitReader(config, new ScrollMetrics(pages, retries, bytes));
        }

        /** Fetches until the split is finished; every point with the offset after it. */
        List<ScrolledPoint> readAll(QdrantSplit split) throws IOException {
            reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
            List<ScrolledPoint> read = new ArrayList<>();
            for (int fetches = 0; fetches < 10_000; fetches++) {
                RecordsWithSplitIds<ScrolledPoint> records = reader.fetch();
                String id;
                while ((id = records.nextSplit()) != null) {
                    assertThat(id).isEqualTo(split.splitId());
                    ScrolledPoint point;
                    while ((point = records.nextRecordFromSplit()) != null) {
                        read.add(point);
                    }
                }
                if (records.finishedSplits().contains(split.splitId())) {
                    return read;
                }
            }
            throw new AssertionError("split " + split + " did not finish");
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
