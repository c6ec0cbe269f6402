package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.testkit.flink.MiniClusterSinkSuite;
import io.cortexsync.testkit.flink.PollingReader;
import io.cortexsync.testkit.flink.StringSinkContext;
import io.cortexsync.testkit.flink.SuiteResource;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
class SurrealSinkTestSuiteITCase extends MiniClusterSinkSuite<String> {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @TestExternalSystem
    SuiteResource<SurrealEndpoint> surreal = new SuiteResource<>(() -> SourceTestData.startEngine("sink-suite"));

    @TestContext
    ExternalContextFactory<SurrealSinkContext> contexts =
            testName -> new SurrealSinkContext(surreal.get(), "suite_" + TABLES.incrementAndGet());

    /** Writes each string to its own table and reads the records back. */
    static final class SurrealSinkContext extends StringSinkContext {

        private final SurrealConnectionConfig connection;
        private final String table;

        SurrealSinkContext(SurrealEndpoint endpoint, String table) {
            // unique by the index; odd characters to keep the ids honest
            super(" ⟩; é");
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
        protected ExternalSystemDataReader<String> openReader() {
            return new TableReader(SurrealClient.create(connection), table);
        }
    }

    /** Returns each record of the table once, waiting up to the poll timeout for new ones. */
    private static final class TableReader extends PollingReader {

        private final SurrealClient client;
        private final String table;

        TableReader(SurrealClient client, String table) {
            this.client = client;
            this.table = table;
        }

        @Override
        protected List<String> values() {
            Map<?, ?> tables = (Map<?, ?>) ((Map<?, ?>) client.query("INFO FOR DB", Map.of()).get(0).result()).get("tables");
            if (!tables.containsKey(table)) {
                return List.of();
            }
            List<String> payloads = new ArrayList<>();
            for (Object payload : client.query("SELECT VALUE payload FROM type::table($tb)", Map.of("tb", table)).get(0).resultList()) {
                payloads.add((String) payload);
            }
            return payloads;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
