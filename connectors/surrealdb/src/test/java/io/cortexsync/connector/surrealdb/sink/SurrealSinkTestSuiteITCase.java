package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flink's own sink test suite (basic write, restart from a savepoint at the same, a higher and a
 * lower parallelism, numRecordsSend) against the real engine. Every case applies.
 *
 * <p>Each test string is written as the record {@code <table>:⟨string⟩} holding the string, and
 * read back once per record. The sink delivers at least once, but its writes are upserts by id,
 * so the table holds every element exactly once even when some were written twice: the suite's
 * exactly-once check passes as well as its at-least-once check.
 */
class SurrealSinkTestSuiteITCase extends SinkTestSuiteBase<String> {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @TestEnv
    MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem
    SurrealResource surreal = new SurrealResource();

    @TestContext
    ExternalContextFactory<SurrealSinkContext> contexts =
            testName -> new SurrealSinkContext(surreal.endpoint(), "suite_" + TABLES.incrementAndGet());

    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE};

    /** The engine, started once for the suite. */
    static final class SurrealResource implements TestResource {
        private SurrealEndpoint endpoint;

        @Override
        public void startUp() {
            endpoint = SourceTestData.startEngine("sink-suite");
        }

        @Override
        public void tearDown() {
            if (endpoint != null) {
                endpoint.close();
            }
        }

        SurrealEndpoint endpoint() {
            return endpoint;
        }
    }

    /** Writes each string to its own table and reads the records back. */
    static final class SurrealSinkContext implements DataStreamSinkV2ExternalContext<String> {

        private final SurrealConnectionConfig connection;
        private final String table;
        private final List<SurrealClient> clients = new ArrayList<>();

        SurrealSinkContext(SurrealEndpoint endpoint, String table) {
            this.connection = SourceTestData.connection(endpoint, "suite");
            this.table = table;
        }

        @Override
        public Sink<String> createSink(TestingSinkSettings settings) {
            String target = table;
            return SurrealSink.<String>builder()
                    .setConnectionConfig(connection)
                    .setRecordSerializer(s -> SurrealWrite.upsert(SurrealRecordId.of(target, s), Map.of("payload", s)))
                    .setBatchSize(32)
                    .setMaxBufferedTime(Duration.ofMillis(200))
                    .build();
        }

        @Override
        public ExternalSystemDataReader<String> createSinkDataReader(TestingSinkSettings settings) {
            SurrealClient client = SurrealClient.create(connection);
            clients.add(client);
            return new TableReader(client, table);
        }

        @Override
        public List<String> generateTestData(TestingSinkSettings settings, long seed) {
            Random random = new Random(seed);
            int count = 100 + random.nextInt(200);
            List<String> data = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                // unique by the index; odd characters to keep the ids honest
                data.add(i + "-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + (i % 7 == 0 ? " ⟩; é" : ""));
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
            clients.forEach(SurrealClient::close);
        }
    }

    /** Returns each record of the table once, waiting up to the poll timeout for new ones. */
    private static final class TableReader implements ExternalSystemDataReader<String> {

        private final SurrealClient client;
        private final String table;
        private final Set<String> seen = new HashSet<>();

        TableReader(SurrealClient client, String table) {
            this.client = client;
            this.table = table;
        }

        @Override
        public List<String> poll(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<String> fresh = new ArrayList<>();
                for (Object payload : payloads()) {
                    if (seen.add((String) payload)) {
                        fresh.add((String) payload);
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

        private List<Object> payloads() {
            Map<?, ?> tables = (Map<?, ?>) ((Map<?, ?>) client.query("INFO FOR DB", Map.of()).get(0).result()).get("tables");
            if (!tables.containsKey(table)) {
                return List.of();
            }
            return client.query("SELECT VALUE payload FROM type::table($tb)", Map.of("tb", table)).get(0).resultList();
        }

        @Override
        public void close() {}
    }
}
