package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.QdrantWrite;
import io.cortexsync.schema.ids.PointIds;
import io.cortexsync.testkit.flink.MiniClusterSinkSuite;
import io.cortexsync.testkit.flink.PollingReader;
import io.cortexsync.testkit.flink.StringSinkContext;
import io.cortexsync.testkit.flink.SuiteResource;
import io.cortexsync.testkit.qdrant.QdrantEndpoint;

import io.qdrant.client.PointIdFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
class QdrantSinkTestSuiteITCase extends MiniClusterSinkSuite<String> {

    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    @TestExternalSystem
    SuiteResource<QdrantEndpoint> qdrant = new SuiteResource<>(QdrantEndpoint::externalOrEmbedded);

    @TestContext
    ExternalContextFactory<QdrantSinkContext> contexts =
            testName -> new QdrantSinkContext(config(qdrant.get()), "suite_" + COLLECTIONS.incrementAndGet() + "_" + System.nanoTime());

    private static QdrantConnectionConfig config(QdrantEndpoint endpoint) {
        return QdrantConnectionConfig.builder()
                .host(endpoint.host())
                .port(endpoint.port())
                .apiKey(endpoint.apiKey().orElse(null))
                .build();
    }

    /** Writes each string as a point of a fresh collection and reads the strings back. */
    static final class QdrantSinkContext extends StringSinkContext {

        private final QdrantConnectionConfig connection;
        private final String collection;
        private boolean created;

        QdrantSinkContext(QdrantConnectionConfig connection, String collection) {
            super(" é ✓");
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
        protected ExternalSystemDataReader<String> openReader() {
            ensureCollection();
            return new CollectionReader(connection, collection);
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
    private static final class CollectionReader extends PollingReader {

        private final QdrantConnection connection;
        private final String collection;

        CollectionReader(QdrantConnectionConfig config, String collection) {
            this.connection = QdrantConnection.open(config);
            this.collection = collection;
        }

        @Override
        protected List<String> values() {
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
