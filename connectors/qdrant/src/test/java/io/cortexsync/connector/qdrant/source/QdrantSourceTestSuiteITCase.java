package io.cortexsync.connector.qdrant.source;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.testkit.flink.MiniClusterSourceSuite;
import io.cortexsync.testkit.flink.StringSourceContext;
import io.cortexsync.testkit.flink.SuiteResource;
import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;

/**
 * Flink's own source test suite against the testkit's Qdrant server. Each "split" of the suite is
 * one UUID partition of the collection (3 partition bits); its points get increasing ids inside
 * the partition, so a partition's records are read back in the order written.
 *
 * <p>The QdrantSource is bounded only: the cases that need an unbounded source (savepoint, scale
 * up, scale down, metrics, TaskManager failure) are aborted by the suite itself when {@link
 * QdrantPartitionsContext#createSource} refuses unbounded settings. Recovery of a bounded job is
 * shown by {@link QdrantSourceRecoveryITCase} instead.
 */
class QdrantSourceTestSuiteITCase extends MiniClusterSourceSuite<String> {

    private static final int PARTITION_BITS = 3;
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @TestExternalSystem
    SuiteResource<QdrantTestServer> qdrant = new SuiteResource<>(() -> QdrantTestServer.builder().port(0).build().start());

    @TestContext
    ExternalContextFactory<QdrantPartitionsContext> contexts =
            testName -> new QdrantPartitionsContext(QdrantSourceTestData.connection(qdrant.get()));

    /** Emits the {@code value} payload key of each point. */
    static final class ValueDeserializer implements QdrantPointDeserializer<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(RetrievedPoint point, Collector<String> out) {
            out.collect(point.getPayloadOrThrow("value").getStringValue());
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    /** One collection; each data writer fills the next partition. */
    static final class QdrantPartitionsContext extends StringSourceContext {

        private final QdrantConnectionConfig config;
        private final QdrantConnection connection;
        private final String collection;
        private int writers;

        QdrantPartitionsContext(QdrantConnectionConfig config) {
            this.config = config;
            this.connection = QdrantConnection.open(config);
            this.collection = "suite_" + CONTEXTS.incrementAndGet();
            try {
                connection.client().createCollectionAsync(collection,
                        VectorParams.newBuilder().setSize(2).setDistance(Distance.Dot).build())
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not create " + collection, e);
            }
        }

        @Override
        public Source<String, ?, ?> createSource(TestingSourceSettings settings) {
            if (settings.getBoundedness() != Boundedness.BOUNDED) {
                throw new UnsupportedOperationException("the QdrantSource is bounded");
            }
            return QdrantSource.<String>builder()
                    .setConnectionConfig(config)
                    .setCollectionName(collection)
                    .setPartitionBits(PARTITION_BITS)
                    .setPageSize(16)
                    .setDeserializer(new ValueDeserializer())
                    .build();
        }

        @Override
        public ExternalSystemSplitDataWriter<String> createSourceSplitDataWriter(TestingSourceSettings settings) {
            if (writers == 1 << PARTITION_BITS) {
                throw new IllegalStateException("this context has only " + (1 << PARTITION_BITS) + " partitions");
            }
            return new PartitionWriter(connection, collection, writers++);
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Writes points with increasing ids inside one partition, so id order is the order written. */
    static final class PartitionWriter implements ExternalSystemSplitDataWriter<String> {
        private final QdrantConnection connection;
        private final String collection;
        private final long prefix;
        private long next;

        PartitionWriter(QdrantConnection connection, String collection, int partition) {
            this.connection = connection;
            this.collection = collection;
            this.prefix = ((long) partition) << (64 - PARTITION_BITS);
        }

        @Override
        public void writeRecords(List<String> records) {
            List<PointStruct> points = new ArrayList<>(records.size());
            for (String record : records) {
                points.add(PointStruct.newBuilder()
                        .setId(io.qdrant.client.PointIdFactory.id(new UUID(prefix, next++)))
                        .setVectors(vectors(1f, 0f))
                        .putPayload("value", value(record))
                        .build());
            }
            try {
                connection.client().upsertAsync(collection, points).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not write to " + collection, e);
            }
        }

        @Override
        public void close() {}
    }
}
