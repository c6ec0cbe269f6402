package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.QueryOptions;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.testkit.flink.MiniClusterSourceSuite;
import io.cortexsync.testkit.flink.StringSourceContext;
import io.cortexsync.testkit.flink.SuiteResource;
import io.cortexsync.testkit.surrealdb.SurrealEndpoint;

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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flink's own source test suite against the real engine. Each "split" of the suite is a table;
 * its records get increasing keys, so a table's records are read back in the order written.
 * Bounded cases run the snapshot (SNAPSHOT_ONLY); unbounded cases (savepoint, rescaling,
 * metrics, TaskManager failure) run the snapshot and then the change feed, which delivers the
 * records written while or after the job runs. Every case applies.
 */
class SurrealSourceTestSuiteITCase extends MiniClusterSourceSuite<String> {

    private static final int TABLES_PER_CONTEXT = 5;
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @TestExternalSystem
    SuiteResource<SurrealEndpoint> engine = new SuiteResource<>(() -> SourceTestData.startEngine("suite"));

    @TestContext
    ExternalContextFactory<SurrealTablesContext> contexts =
            testName -> new SurrealTablesContext(SourceTestData.connection(engine.get(), "suite"));

    /** Emits the {@code value} field of each record; deletes and snapshot markers are not part of the suite's data. */
    static final class ValueDeserializer implements SurrealRecordDeserializer<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(SurrealChange change, Collector<String> out) {
            if (change.op() == SurrealChange.Op.READ || change.op() == SurrealChange.Op.UPSERT) {
                out.collect((String) change.fields().get("value"));
            }
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    /** A fixed set of tables with change feeds; each data writer fills the next one. */
    static final class SurrealTablesContext extends StringSourceContext {

        private final SurrealConnectionConfig connection;
        private final SurrealClient client;
        private final List<String> tables = new ArrayList<>();
        private int writers;

        SurrealTablesContext(SurrealConnectionConfig connection) {
            this.connection = connection;
            this.client = SurrealClient.create(connection);
            int context = CONTEXTS.incrementAndGet();
            for (int i = 0; i < TABLES_PER_CONTEXT; i++) {
                String table = "suite" + context + "_t" + i;
                SourceTestData.defineChangeFeed(client, table, "1h");
                tables.add(table);
            }
        }

        @Override
        public Source<String, ?, ?> createSource(TestingSourceSettings settings) {
            return SurrealSource.<String>builder()
                    .setConnectionConfig(connection)
                    .setTables(tables)
                    .setStartingMode(settings.getBoundedness() == Boundedness.BOUNDED
                            ? StartingMode.SNAPSHOT_ONLY
                            : StartingMode.SNAPSHOT_THEN_CHANGES)
                    .setPollInterval(Duration.ofMillis(100))
                    .setDeserializer(new ValueDeserializer())
                    .build();
        }

        @Override
        public ExternalSystemSplitDataWriter<String> createSourceSplitDataWriter(TestingSourceSettings settings) {
            if (writers == tables.size()) {
                throw new IllegalStateException("this context has only " + tables.size() + " tables");
            }
            return new TableWriter(client, tables.get(writers++));
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Writes records with increasing keys, so key order is the order written. */
    static final class TableWriter implements ExternalSystemSplitDataWriter<String> {
        private final SurrealClient client;
        private final String table;
        private long next;

        TableWriter(SurrealClient client, String table) {
            this.client = client;
            this.table = table;
        }

        @Override
        public void writeRecords(List<String> records) {
            List<Statement> upserts = new ArrayList<>(records.size());
            for (String record : records) {
                upserts.add(Statement.upsert(
                        SurrealRecordId.of(table, String.format("r%09d", next++)), Map.of("value", record)));
            }
            client.queryBatch(upserts, QueryOptions.DEFAULTS);
        }

        @Override
        public void close() {}
    }
}
