package io.cortexsync.connector.qdrant.source;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.testkit.qdrant.QdrantTestServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole jobs reading the testkit's Qdrant server: every point once in parallel, payload selection, vectors. */
@Timeout(120)
class QdrantSourceITCase {

    private static final int UUID_POINTS = 1_000;
    private static final int NUMERIC_POINTS = 12;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    private static QdrantTestServer qdrant;
    private static List<QdrantPointId> written;

    @BeforeAll
    static void start() throws Exception {
        qdrant = QdrantTestServer.builder().port(0).build().start();
        written = QdrantSourceTestData.write(qdrant, "docs", UUID_POINTS, NUMERIC_POINTS);
    }

    @AfterAll
    static void stop() {
        qdrant.close();
    }

    @Test
    void readsEveryPointExactlyOnceInParallelWithTheWholePayloadAndNoVectors() throws Exception {
        List<QdrantPoint> points = run(builder().setPartitionBits(5).setPageSize(16), 3);

        assertThat(points).extracting(QdrantPoint::id).containsExactlyInAnyOrderElementsOf(written);
        for (QdrantPoint point : points) {
            assertThat(point.vector()).isNull();
            assertThat(point.payload()).containsOnlyKeys(PayloadFields.SURREAL_ID, PayloadFields.TABLE, PayloadFields.CONTENT_HASH, "n");
        }
    }

    @Test
    void readsVectorsAndOnlyTheIncludedPayloadKeys() throws Exception {
        List<QdrantPoint> points = run(builder()
                .setWithVectors(true)
                .setPayloadSelector(QdrantPayloadSelector.include(PayloadFields.SURREAL_ID, "n")), 2);

        assertThat(points).hasSize(written.size());
        for (QdrantPoint point : points) {
            assertThat(point.payload()).containsOnlyKeys(PayloadFields.SURREAL_ID, "n");
            assertThat(point.vector()).containsExactly(QdrantSourceTestData.vector((Long) point.payload().get("n")));
            assertThat(point.namedVectors()).isEmpty();
        }
    }

    @Test
    void excludesPayloadKeysOrReadsNoPayloadAtAll() throws Exception {
        for (QdrantPoint point : run(builder().setPayloadSelector(QdrantPayloadSelector.exclude(PayloadFields.CONTENT_HASH)), 2)) {
            assertThat(point.payload()).containsOnlyKeys(PayloadFields.SURREAL_ID, PayloadFields.TABLE, "n");
        }
        List<QdrantPoint> bare = run(builder().setPayloadSelector(QdrantPayloadSelector.none()), 2);
        assertThat(bare).hasSize(written.size()).allSatisfy(point -> {
            assertThat(point.payload()).isEmpty();
            assertThat(point.vector()).isNull();
        });
    }

    @Test
    void takesItsSettingsFromOptions() throws Exception {
        Configuration config = new Configuration();
        config.set(QdrantOptions.HOST, qdrant.host());
        config.set(QdrantOptions.PORT, qdrant.port());
        config.set(QdrantOptions.COLLECTION, "docs");
        config.set(QdrantOptions.SOURCE_PARTITION_BITS, 2);
        config.set(QdrantOptions.SOURCE_PAGE_SIZE, 50);
        config.set(QdrantOptions.SOURCE_WITH_VECTORS, true);
        config.set(QdrantOptions.SOURCE_PAYLOAD_FIELDS, List.of(PayloadFields.TABLE));

        QdrantSourceBuilder<QdrantPoint> builder = QdrantSource.<QdrantPoint>builder().setOptions(config);
        QdrantSourceConfig built = builder.build().config();
        assertThat(built.partitionBits()).isEqualTo(2);
        assertThat(built.pageSize()).isEqualTo(50);
        assertThat(built.payloadSelector()).isEqualTo(QdrantPayloadSelector.include(PayloadFields.TABLE));

        List<QdrantPoint> points = run(builder, 2);
        assertThat(points).extracting(QdrantPoint::id).containsExactlyInAnyOrderElementsOf(written);
        assertThat(points).allSatisfy(point -> {
            assertThat(point.payload().keySet()).isEqualTo(Set.of(PayloadFields.TABLE));
            assertThat(point.vector()).hasSize(QdrantSourceTestData.VECTOR_SIZE);
        });
    }

    @Test
    void readsOnlyTheChosenPartitionsWithTheNumericIdsGoingWithPartitionZero() throws Exception {
        List<QdrantPoint> some = run(builder().setPartitionBits(4).setPartitions(List.of(3, 9)), 2);
        List<QdrantPointId> expected = written.stream()
                .filter(id -> id.isUuid() && List.of(3, 9).contains(PointIds.partition(id.asUuid(), 4)))
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(some).extracting(QdrantPoint::id).containsExactlyInAnyOrderElementsOf(expected);

        List<QdrantPoint> first = run(builder().setPartitionBits(4).setPartitions(List.of(0)), 2);
        assertThat(first).extracting(QdrantPoint::id).containsExactlyInAnyOrderElementsOf(written.stream()
                .filter(id -> !id.isUuid() || PointIds.partition(id.asUuid(), 4) == 0)
                .toList());
        assertThat(first).filteredOn(p -> !p.id().isUuid()).hasSize(NUMERIC_POINTS);
    }

    @Test
    void badSettingsFailTheBuildNamingTheSetter() {
        assertThatThrownBy(() -> QdrantSource.builder().setCollectionName("docs").build())
                .hasMessageContaining("setConnectionConfig");
        assertThatThrownBy(() -> builder().setCollectionName(" ".trim()).build())
                .hasMessageContaining("setCollectionName");
        assertThatThrownBy(() -> builder().setPartitionBits(17).build())
                .hasMessageContaining("setPartitionBits(17): must be within [0, 16]");
        assertThatThrownBy(() -> builder().setPageSize(0).build())
                .hasMessageContaining("setPageSize");
        assertThatThrownBy(() -> builder().setPartitionBits(3).setPartitions(List.of(8)).build())
                .hasMessageContaining("setPartitions");
        assertThatThrownBy(() -> builder().setPartitions(List.of()).build())
                .hasMessageContaining("setPartitions");
        assertThatThrownBy(() -> QdrantPayloadSelector.include())
                .hasMessageContaining("all() or none()");
    }

    private static QdrantSourceBuilder<QdrantPoint> builder() {
        return QdrantSource.<QdrantPoint>builder()
                .setConnectionConfig(QdrantSourceTestData.connection(qdrant))
                .setCollectionName("docs")
                .setPartitionBits(3)
                .setPageSize(32);
    }

    private static List<QdrantPoint> run(QdrantSourceBuilder<QdrantPoint> builder, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        List<QdrantPoint> points = new ArrayList<>();
        try (CloseableIterator<QdrantPoint> it =
                env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "qdrant").executeAndCollect()) {
            it.forEachRemaining(points::add);
        }
        return points;
    }
}
