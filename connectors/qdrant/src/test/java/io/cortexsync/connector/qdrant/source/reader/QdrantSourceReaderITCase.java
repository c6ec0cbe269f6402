package io.cortexsync.connector.qdrant.source.reader;

import io.cortexsync.connector.qdrant.source.QdrantPoint;
import io.cortexsync.connector.qdrant.source.QdrantPointDeserializer;
import io.cortexsync.connector.qdrant.source.QdrantPointId;
import io.cortexsync.connector.qdrant.source.QdrantSource;
import io.cortexsync.connector.qdrant.source.QdrantSourceConfig;
import io.cortexsync.connector.qdrant.source.QdrantSourceTestData;
import io.cortexsync.connector.qdrant.source.split.QdrantSplit;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.testkit.qdrant.QdrantTestServer;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The source reader: the checkpointed offset is the next point's id, splits are requested one by one, metrics count. */
@Timeout(60)
class QdrantSourceReaderITCase {

    private static final int PARTITION_BITS = 2;

    private static QdrantTestServer qdrant;
    private static List<QdrantPointId> written;

    @BeforeAll
    static void start() throws Exception {
        qdrant = QdrantTestServer.builder().port(0).build().start();
        written = QdrantSourceTestData.write(qdrant, "reader", 400, 0);
    }

    @AfterAll
    static void stop() {
        qdrant.close();
    }

    @Test
    void checkpointsTheIdOfTheNextPointAndCountsWhatItReads() throws Exception {
        MetricListener metrics = new MetricListener();
        TestingReaderContext context = new TestingReaderContext(
                new Configuration(), InternalSourceReaderMetricGroup.mock(metrics.getMetricGroup()));
        QdrantSplit split = QdrantSplit.partition(PARTITION_BITS, 1);
        List<QdrantPointId> expected = written.stream()
                .filter(id -> PointIds.partition(id.asUuid(), PARTITION_BITS) == 1)
                .sorted()
                .toList();
        TestingReaderOutput<QdrantPoint> output = new TestingReaderOutput<>();

        try (QdrantSourceReader<QdrantPoint> reader =
                QdrantSourceReader.create(config(), QdrantPointDeserializer.points(), context)) {
            reader.start();
            assertThat(context.getNumSplitRequests()).isEqualTo(1);
            reader.addSplits(List.of(split));

            pollUntil(reader, output, 15);
            List<QdrantSplit> state = reader.snapshotState(1);
            assertThat(state).containsExactly(split.withNextOffset(expected.get(output.getEmittedRecords().size())));

            pollUntil(reader, output, expected.size());
            reader.notifyNoMoreSplits();
            InputStatus status = InputStatus.MORE_AVAILABLE;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (status != InputStatus.END_OF_INPUT && System.nanoTime() < deadline) {
                status = reader.pollNext(output);
                if (status == InputStatus.NOTHING_AVAILABLE) {
                    reader.isAvailable().get(5, TimeUnit.SECONDS);
                }
            }
            assertThat(status).isEqualTo(InputStatus.END_OF_INPUT);
            assertThat(output.getEmittedRecords()).extracting(QdrantPoint::id).containsExactlyElementsOf(expected);
            assertThat(context.getNumSplitRequests()).as("a new split is asked for when one finishes").isEqualTo(2);
            assertThat(counter(metrics, "pointsRead")).isEqualTo(expected.size());
            assertThat(counter(metrics, "splitsFinished")).isEqualTo(1);
            // the page that reaches past the range ends it: no extra page is read
            assertThat(counter(metrics, "pagesRead")).isEqualTo((expected.size() + 7) / 8);
            assertThat(counter(metrics, "scrollRetries")).isZero();
        }
    }

    private static long counter(MetricListener metrics, String name) {
        return metrics.getCounter(name).map(Counter::getCount)
                .orElseThrow(() -> new AssertionError("no counter " + name));
    }

    private static void pollUntil(QdrantSourceReader<QdrantPoint> reader, TestingReaderOutput<QdrantPoint> output,
            int records) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (output.getEmittedRecords().size() < records) {
            assertThat(System.nanoTime()).as("time left for " + records + " records").isLessThan(deadline);
            if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(5, TimeUnit.SECONDS);
            }
        }
    }

    private static QdrantSourceConfig config() {
        return QdrantSource.<QdrantPoint>builder()
                .setConnectionConfig(QdrantSourceTestData.connection(qdrant))
                .setCollectionName("reader")
                .setPartitionBits(PARTITION_BITS)
                .setPageSize(8)
                .build()
                .config();
    }
}
