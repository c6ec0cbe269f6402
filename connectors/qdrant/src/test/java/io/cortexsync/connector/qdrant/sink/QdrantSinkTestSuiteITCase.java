package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.testkit.qdrant.QdrantEndpoint;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.testframe.TestResource;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flink's own sink test suite (basic write, restart from a savepoint at the same, a higher and a
 * lower parallelism, numRecordsSend) against the testkit's Qdrant server, or a real Qdrant named
 * by {@code -Dcortexsync.it.qdrant=host:port}. Every case applies.
 *
 * <p>Each test string becomes one point whose id is derived from the string and whose payload
 * holds it; the reader returns each stored string once. Delivery is at-least-once, but writes are
 * upserts by id, so the collection holds every element exactly once even when some were written
 * twice: the suite's exactly-once check passes as well as its at-least-once check.
 */
class QdrantSinkTestSuiteITCase extends SinkTestSuiteBase<String> {

    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    @TestEnv
    MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem
    QdrantResource qdrant = new QdrantResource();

    @TestContext
    ExternalContextFactory<QdrantSinkContext> contexts =
            testName -> new QdrantSinkContext(qdrant.config(), "suite_" + COLLECTIONS.incrementAndGet() + "_" + System.nanoTime());

    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE};

    /** The Qdrant endpoint, started once for the suite. */
    static final class QdrantResource implements TestResource {
        private QdrantEndpoint endpoint;

        @Override
        public void startUp() {
            endpoint = QdrantEndpoint.externalOrEmbedded();
        }

        @Override
        public void tearDown() {
            if (endpoint != null) {
                endpoint.close();
            }
        }

        QdrantConnectionConfig config() {
            return QdrantConnectionConfig.builder()
                    .host(endpoint.host())
                    .port(endpoint.port())
                    .apiKey(endpoint.apiKey().orElse(null))
                    .build();
        }
    }

    /** Writes each string as a point of a fresh collection and reads the strings back. */
    static final class QdrantSinkContext implements DataStreamSinkV2ExternalContext<String> {

        private final QdrantConnectionConfig connection;
        private final String collection;
        private final List<CollectionReader> readers = new ArrayList<>();
        private boolean created;

        QdrantSinkContext(QdrantConnectionConfig connection, String collection) {
            this.connection = connection;
            this.collection = collection;
        }

        @Override
        public Sink<String> createSink(TestingSinkSettings settings) {
            ensureCollection();
            return QdrantSink.<String>builder()
                    .setConnectionConfig(connection)
                    .setCollectionName(collection)
                    .setPointConverter(QdrantSinkTestSuiteITCase::point)
                    .setBatchSize(32).setMinBatchSize(8).setMaxBatchSize(64)
                    .setMaxBufferedTime(Duration.ofMillis(200))
                    .build();
        }

        @Override
        public ExternalSystemDataReader<String> createSinkDataReader(TestingSinkSettings settings) {
            ensureCollection();
            // the suite does not close its readers: the context closes them
            CollectionReader reader = new CollectionReader(connection, collection);
            readers.add(reader);
            return reader;
        }

        private void ensureCollection() {
            if (!created) {
                try {
                    SinkTestSupport.createCollection(connection, collection, 4);
                } catch (Exception e) {
                    throw new IllegalStateException("could not create collection " + collection, e);
                }
                created = true;
            }
        }

        @Override
        public List<String> generateTestData(TestingSinkSettings settings, long seed) {
            Random random = new Random(seed);
            int count = 100 + random.nextInt(200);
            List<String> data = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                data.add(i + "-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + (i % 7 == 0 ? " é ✓" : ""));
            }
            return data;
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }

        @Override
        public List<URL> getConnectorJarPaths() {
            return List.of();
        }

        @Override
        public void close() {
            readers.forEach(CollectionReader::close);
        }
    }

    private static QdrantWrite point(String value) {
        PointStruct point = PointStruct.newBuilder()
                .setId(PointIdFactory.id(PointIds.pointId("suite:" + value)))
                .setVectors(VectorsFactory.vectors(1f, value.length(), value.hashCode() % 97, 0.5f))
                .putPayload("value", Value.newBuilder().setStringValue(value).build())
                .build();
        return QdrantWrite.upsert(point, "suite:" + value, () -> value);
    }

    /** Returns each stored string once, waiting up to the poll timeout for new ones. */
    private static final class CollectionReader implements ExternalSystemDataReader<String> {

        private final QdrantConnection connection;
        private final String collection;
        private final Set<String> seen = new HashSet<>();

        CollectionReader(QdrantConnectionConfig config, String collection) {
            this.connection = QdrantConnection.open(config);
            this.collection = collection;
        }

        @Override
        public List<String> poll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<String> fresh = new ArrayList<>();
                for (String value : values()) {
                    if (seen.add(value)) {
                        fresh.add(value);
                    }
                }
                if (!fresh.isEmpty() || System.nanoTime() > deadline) {
                    return fresh;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fresh;
                }
            }
        }

        private List<String> values() {
            List<String> values = new ArrayList<>();
            ScrollPoints.Builder request = ScrollPoints.newBuilder()
                    .setCollectionName(collection)
                    .setLimit(1000)
                    .setWithPayload(WithPayloadSelectorFactory.enable(true));
            try {
                while (true) {
                    ScrollResponse page = connection.client().scrollAsync(request.build()).get(30, TimeUnit.SECONDS);
                    for (RetrievedPoint point : page.getResultList()) {
                        values.add(point.getPayloadMap().get("value").getStringValue());
                    }
                    if (!page.hasNextPageOffset()) {
                        return values;
                    }
                    request.setOffset(page.getNextPageOffset());
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not scroll " + collection, e);
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
