package io.cortexsync.cli.chaos;

import io.cortexsync.cli.cdc.CdcTestRun;
import io.cortexsync.cli.cluster.Await;
import io.cortexsync.cli.run.StreamingTestRun;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.model.SyncEvent;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix's {@code cdc} rows for the stores' faults: the job (on a MiniCluster in this JVM,
 * through proxies) follows a change load while SurrealDB restarts, Qdrant is unavailable or slow,
 * connections are cut, or the Kafka broker restarts. Each row ends with Qdrant holding exactly
 * SurrealDB's records and one committed event per change: none lost, none repeated.
 */
class CdcStoreFaultsITCase extends StoreFaultsTestBase {

    private static final int DIM = 8;
    private static final String TABLE = "live";

    @ParameterizedTest
    @EnumSource(StoreFault.class)
    void everyChangeReachesQdrantWithOneEventThroughTheFault(StoreFault fault, @TempDir Path dir) throws Exception {
        String name = "cdc_" + fault.name().toLowerCase();
        try (SurrealClient client = stores.surrealClient(name)) {
            client.queryBatch(List.of(Statement.of("DEFINE TABLE " + TABLE + " CHANGEFEED 1h")));
        }
        int records = ChaosSize.RECORDS;
        stores.load(name, TABLE, records, DIM);
        Map<String, Integer> changes = new TreeMap<>();
        for (int i = 0; i < records; i++) {
            changes.put(SurrealRecordId.of(TABLE, FaultedStores.key(i)).toString(), 1);
        }
        List<String> args = new ArrayList<>(stores.jobArgs(name, TABLE, name));
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--checkpoint-interval", "1s",
                "--dead-letter", dir.resolve("dead.jsonl").toString(), "--poll-interval", "100ms",
                "--kafka-bootstrap", stores.kafka.bootstrapServers(), "--events-topic", name, "--topic-partitions", "2"));

        double recoverSeconds;
        try (StreamingTestRun run = CdcTestRun.start(args); QdrantConnection qdrant = stores.qdrantConnection()) {
            run.awaitStoresEqual(() -> stores.surrealClient(name), qdrant, TABLE, DIM, 180);
            long faultEnded;
            try (ChangeLoad load = ChangeLoad.start(() -> stores.surrealClient(name), stores.surrealWrites.readLock(),
                    TABLE, DIM, records, 0, changes)) {
                Await.until(Duration.ofSeconds(60), "changes before the fault", load::written, n -> n >= 50);
                int before = load.written();
                fault.inject(stores);
                faultEnded = System.nanoTime();
                int atEnd = load.written();
                Await.until(Duration.ofSeconds(60), "changes after the fault", load::written, n -> n >= atEnd + 50);
                System.out.printf("%s: %d changes before the fault, %d by the load's end%n", fault.label(), before, load.written());
            }
            run.awaitStoresEqual(() -> stores.surrealClient(name), qdrant, TABLE, DIM, 240);
            recoverSeconds = (System.nanoTime() - faultEnded) / 1e9;
            assertThat(run.stop().stopped()).as(run.printed()).isTrue();
        }

        EventTally events = EventTally.of(changes, EventTally.read(stores.kafka.bootstrapServers(), name), SyncEvent::entityId);
        StoreComparison compared;
        try (SurrealClient client = stores.surrealClient(name); QdrantConnection qdrant = stores.qdrantConnection()) {
            compared = StoreComparison.of(client, qdrant, TABLE, name, DIM);
        }
        FaultRow row = compared.row("cdc", fault.label(), outcome(), events.lost(), events.duplicated(), recoverSeconds);
        System.out.println(row.line());
        assertThat(row.nothingLost()).as(row.line()).isTrue();
    }
}
