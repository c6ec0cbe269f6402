package io.cortexsync.connector.qdrant.admin;

import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.testkit.net.FreePorts;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.UpdateCollection;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The collection admin against the testkit's Qdrant server, checked through the official client. */
@Timeout(60)
class QdrantCollectionAdminITCase {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static QdrantTestServer qdrant;
    private static QdrantConnection connection;
    private static QdrantCollectionAdmin admin;

    @BeforeAll
    static void start() {
        qdrant = QdrantTestServer.builder().port(0).build().start();
        connection = QdrantConnection.open(
                QdrantConnectionConfig.builder().host(qdrant.host()).port(qdrant.port()).build());
        admin = new QdrantCollectionAdmin(connection);
    }

    @AfterAll
    static void stop() {
        connection.close();
        qdrant.close();
    }

    @Test
    void createsAMissingCollectionAsConfiguredWithAKeywordIndexOnTable() throws Exception {
        CollectionSpec spec = spec(768, Distance.Cosine, true);
        assertThat(admin.exists(spec.name())).isFalse();
        assertThat(admin.vectorSize(spec.name())).isEmpty();

        assertThat(admin.ensureCollection(spec)).isTrue();

        CollectionInfo info = info(spec.name());
        VectorParams vector = info.getConfig().getParams().getVectorsConfig().getParams();
        assertThat(vector.getSize()).isEqualTo(768);
        assertThat(vector.getDistance()).isEqualTo(Distance.Cosine);
        assertThat(vector.getOnDisk()).isTrue();
        assertThat(info.getPayloadSchemaMap()).containsOnlyKeys(PayloadFields.TABLE);
        assertThat(info.getPayloadSchemaMap().get(PayloadFields.TABLE).getDataType()).isEqualTo(PayloadSchemaType.Keyword);
        assertThat(admin.exists(spec.name())).isTrue();
        assertThat(admin.vectorSize(spec.name())).isEqualTo(OptionalInt.of(768));
    }

    @Test
    void acceptsAMatchingCollectionAndIndexesTableOnIt() throws Exception {
        CollectionSpec spec = spec(4, Distance.Dot, false);
        client().createCollectionAsync(spec.name(),
                VectorParams.newBuilder().setSize(4).setDistance(Distance.Dot).build()).get(10, TimeUnit.SECONDS);
        assertThat(info(spec.name()).getPayloadSchemaMap()).isEmpty();

        assertThat(admin.ensureCollection(spec)).isFalse();
        assertThat(admin.ensureCollection(spec)).isFalse();

        assertThat(info(spec.name()).getPayloadSchemaMap()).containsOnlyKeys(PayloadFields.TABLE);
        assertThat(qdrant.callCount("CreateFieldIndex")).isPositive();
    }

    @Test
    void failsNamingBothSizesOnASizeMismatch() throws Exception {
        CollectionSpec existing = spec(4, Distance.Cosine, false);
        admin.ensureCollection(existing);
        CollectionSpec configured = CollectionSpec.builder()
                .name(existing.name()).vectorSize(8).distance(Distance.Cosine).build();

        assertThatThrownBy(() -> admin.ensureCollection(configured))
                .isInstanceOf(CollectionMismatchException.class)
                .hasMessageContaining("'" + existing.name() + "'")
                .hasMessageContaining("vector size 4")
                .hasMessageContaining("says 8");
    }

    @Test
    void failsNamingBothDistancesOnADistanceMismatch() {
        CollectionSpec existing = spec(4, Distance.Euclid, false);
        admin.ensureCollection(existing);
        CollectionSpec configured = CollectionSpec.builder()
                .name(existing.name()).vectorSize(4).distance(Distance.Cosine).build();

        assertThatThrownBy(() -> admin.ensureCollection(configured))
                .isInstanceOf(CollectionMismatchException.class)
                .hasMessageContaining("distance Euclid")
                .hasMessageContaining("says Cosine");
    }

    @Test
    void refusesACollectionWithNamedVectors() throws Exception {
        CollectionSpec spec = spec(4, Distance.Cosine, false);
        client().createCollectionAsync(spec.name(), Map.of(
                "text", VectorParams.newBuilder().setSize(4).setDistance(Distance.Cosine).build()))
                .get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> admin.ensureCollection(spec))
                .isInstanceOf(CollectionMismatchException.class)
                .hasMessageContaining("named vectors [text]");
    }

    @Test
    void bulkLoadSetsMToZeroAndRestoresThePreviousValue() throws Exception {
        CollectionSpec spec = spec(4, Distance.Cosine, false);
        admin.ensureCollection(spec);
        client().updateCollectionAsync(UpdateCollection.newBuilder().setCollectionName(spec.name())
                .setHnswConfig(HnswConfigDiff.newBuilder().setM(32)).build()).get(10, TimeUnit.SECONDS);

        BulkLoad load = admin.beginBulkLoad(spec.name());

        assertThat(load.previousHnswM()).isEqualTo(32);
        assertThat(hnswM(spec.name())).isZero();

        admin.endBulkLoad(spec.name(), load);

        assertThat(hnswM(spec.name())).isEqualTo(32);
    }

    @Test
    void aBulkLoadBegunAgainAfterACrashStillRestoresTheCollectionsOwnValue() throws Exception {
        CollectionSpec spec = spec(4, Distance.Cosine, false);
        admin.ensureCollection(spec);
        assertThat(hnswM(spec.name())).isEqualTo(16);

        admin.beginBulkLoad(spec.name());
        BulkLoad again = admin.beginBulkLoad(spec.name());

        assertThat(again.previousHnswM()).isEqualTo(16);
        admin.endBulkLoad(spec.name(), again);
        assertThat(hnswM(spec.name())).isEqualTo(16);
        // once ended, the next load starts from the collection's value again
        assertThat(admin.beginBulkLoad(spec.name()).previousHnswM()).isEqualTo(16);
    }

    @Test
    void prepareLoadBulkLoadsOnlyWhereNoSearchCanSuffer() throws Exception {
        CollectionSpec spec = spec(4, Distance.Cosine, false);
        PreparedLoad created = admin.prepareLoad(spec, false);
        assertThat(created.created()).isTrue();
        assertThat(created.bulkLoading()).isTrue();
        assertThat(hnswM(spec.name())).isZero();
        admin.finishLoad(created);
        assertThat(hnswM(spec.name())).isEqualTo(16);

        PreparedLoad existing = admin.prepareLoad(spec, false);
        assertThat(existing.bulkLoading()).as(existing.decision()).isFalse();
        assertThat(existing.decision()).startsWith("off:").contains("qdrant.collection.bulk-load");
        assertThat(hnswM(spec.name())).isEqualTo(16);
        admin.finishLoad(existing);
        assertThat(hnswM(spec.name())).isEqualTo(16);

        PreparedLoad asked = admin.prepareLoad(spec, true);
        assertThat(asked.bulkLoading()).isTrue();
        assertThat(hnswM(spec.name())).isZero();
        // a client killed here never calls finishLoad: the next load finishes the bulk load
        PreparedLoad next = admin.prepareLoad(spec, false);
        assertThat(next.decision()).isEqualTo("on: an unfinished bulk load of an earlier run is finished");
        admin.finishLoad(next);
        assertThat(hnswM(spec.name())).isEqualTo(16);
    }

    @Test
    void theSpecComesFromOptionsAndBadOnesNameTheOption() {
        Configuration config = new Configuration();
        config.set(QdrantOptions.COLLECTION, "docs");
        assertThatThrownBy(() -> QdrantOptions.collectionSpec(config))
                .hasMessageContaining("qdrant.collection.vector-size");
        config.set(QdrantOptions.COLLECTION_VECTOR_SIZE, 0);
        assertThatThrownBy(() -> QdrantOptions.collectionSpec(config))
                .hasMessageContaining("qdrant.collection.vector-size must be 1..65536, got 0");
        config.set(QdrantOptions.COLLECTION_VECTOR_SIZE, 384);
        config.set(QdrantOptions.COLLECTION_DISTANCE, Distance.Dot);
        config.set(QdrantOptions.COLLECTION_ON_DISK, true);
        assertThat(QdrantOptions.collectionSpec(config)).isEqualTo(CollectionSpec.builder()
                .name("docs").vectorSize(384).distance(Distance.Dot).onDiskVectors(true).build());
    }

    @Test
    void describeLeavesAMissingCollectionMissing() throws Exception {
        String name = "admin_missing_" + NAMES.incrementAndGet();
        assertThat(admin.describe(name)).isEmpty();
        assertThat(client().collectionExistsAsync(name).get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void describesAnUnnamedVectorItsIndexingAndItsPoints() throws Exception {
        CollectionSpec spec = spec(4, Distance.Dot, true);
        admin.ensureCollection(spec);
        client().upsertAsync(spec.name(), List.of(PointStruct.newBuilder()
                .setId(PointIdFactory.id(1))
                .setVectors(VectorsFactory.vectors(0.1f, 0.2f, 0.3f, 0.4f))
                .build())).get(10, TimeUnit.SECONDS);

        CollectionDescription described = admin.describe(spec.name()).orElseThrow();
        assertThat(described.name()).isEqualTo(spec.name());
        assertThat(described.hasUnnamedVector()).isTrue();
        assertThat(described.vectorSize()).hasValue(4);
        assertThat(described.distance()).isEqualTo(Distance.Dot);
        assertThat(described.onDiskVectors()).isTrue();
        assertThat(described.namedVectors()).isEmpty();
        assertThat(described.pointsCount()).isEqualTo(1);
        assertThat(described.indexingOff()).isFalse();

        BulkLoad load = admin.beginBulkLoad(spec.name());
        assertThat(admin.describe(spec.name()).orElseThrow().indexingOff()).isTrue();
        admin.endBulkLoad(spec.name(), load);
        assertThat(admin.describe(spec.name()).orElseThrow().hnswM()).isEqualTo(load.previousHnswM());
    }

    @Test
    void describesNamedVectors() throws Exception {
        String name = "admin_named_" + NAMES.incrementAndGet();
        client().createCollectionAsync(name, Map.of(
                "text", VectorParams.newBuilder().setSize(4).setDistance(Distance.Cosine).build()))
                .get(10, TimeUnit.SECONDS);

        CollectionDescription described = admin.describe(name).orElseThrow();
        assertThat(described.hasUnnamedVector()).isFalse();
        assertThat(described.vectorSize()).isEmpty();
        assertThat(described.namedVectors()).containsExactly("text");
    }

    @Test
    void classifiesARefusedApiKeyAndAnUnreachableServer() {
        try (QdrantTestServer locked = QdrantTestServer.builder().port(0).apiKey("right").build().start();
                QdrantConnection wrongKey = QdrantConnection.open(QdrantConnectionConfig.builder()
                        .host(locked.host()).port(locked.port()).apiKey("wrong").build())) {
            assertThatThrownBy(() -> new QdrantCollectionAdmin(wrongKey).describe("any"))
                    .isInstanceOfSatisfying(QdrantAdminException.class,
                            e -> assertThat(e.kind()).isEqualTo(QdrantAdminException.Kind.UNAUTHENTICATED));
        }
        int closedPort = FreePorts.distinct(1, Set.of()).get(0);
        try (QdrantConnection nowhere = QdrantConnection.open(QdrantConnectionConfig.builder()
                .host("127.0.0.1").port(closedPort).requestTimeout(Duration.ofSeconds(2)).build())) {
            assertThatThrownBy(() -> new QdrantCollectionAdmin(nowhere).describe("any"))
                    .isInstanceOfSatisfying(QdrantAdminException.class,
                            e -> assertThat(e.kind()).isEqualTo(QdrantAdminException.Kind.UNREACHABLE));
        }
    }

    private static CollectionSpec spec(int size, Distance distance, boolean onDisk) {
        return CollectionSpec.builder()
                .name("admin_" + NAMES.incrementAndGet())
                .vectorSize(size)
                .distance(distance)
                .onDiskVectors(onDisk)
                .build();
    }

    private static long hnswM(String name) throws Exception {
        return info(name).getConfig().getHnswConfig().getM();
    }

    private static CollectionInfo info(String name) throws Exception {
        return client().getCollectionInfoAsync(name).get(10, TimeUnit.SECONDS);
    }

    private static QdrantClient client() {
        return connection.client();
    }
}
