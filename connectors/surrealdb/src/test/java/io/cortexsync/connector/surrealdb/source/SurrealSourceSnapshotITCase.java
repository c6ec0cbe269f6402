package io.cortexsync.connector.surrealdb.source;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.testkit.flink.MiniClusters;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bounded snapshot of three tables with hostile keys, read by two parallel readers. */
@Timeout(300)
class SurrealSourceSnapshotITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("snapshot", "snapshot_it");

    @Test
    void readsEveryRecordOfEveryTableExactlyOnce() throws Exception {
        Map<SurrealRecordId, Map<String, Object>> written = new LinkedHashMap<>();
        written.putAll(SourceTestData.writeRecords(ENGINE.client(), "alpha", 3_000, 1));
        written.putAll(SourceTestData.writeRecords(ENGINE.client(), "beta", 2_000, 2));
        written.putAll(SourceTestData.writeRecords(ENGINE.client(), "gamma", 1_000, 3));
        SourceTestData.writeRecords(ENGINE.client(), "unread", 500, 4);

        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("alpha", "beta", "gamma")
                .setStartingMode(StartingMode.SNAPSHOT_ONLY)
                .setChunkSize(400)
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Map<SurrealRecordId, Integer> counts = new HashMap<>();
        long started = System.nanoTime();
        try (CloseableIterator<SurrealChange> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").executeAndCollect("snapshot")) {
            while (read.hasNext()) {
                SurrealChange change = read.next();
                counts.merge(change.id(), 1, Integer::sum);
                assertThat(change.op()).isEqualTo(SurrealChange.Op.READ);
                Map<String, Object> expected = written.get(change.id());
                assertThat(expected).as("a record that was written: %s", change.id()).isNotNull();
                assertThat(change.fields().get("n")).isEqualTo(expected.get("n"));
                assertThat(change.fields().get("title")).isEqualTo(expected.get("title"));
                assertThat((float[]) change.fields().get("v")).containsExactly((float[]) expected.get("v"));
            }
        }
        System.out.printf("snapshot of %d records took %d ms%n", written.size(), (System.nanoTime() - started) / 1_000_000);
        assertThat(counts.keySet()).isEqualTo(written.keySet());
        assertThat(counts.values()).allMatch(count -> count == 1);
    }

    @Test
    void projectionReadsOnlyTheNamedFieldsPlusIdAndVector() throws Exception {
        SourceTestData.writeRecords(ENGINE.client(), "projected", 50, 5);
        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("projected")
                .setStartingMode(StartingMode.SNAPSHOT_ONLY)
                .setFields("title")
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        int seen = 0;
        try (CloseableIterator<SurrealChange> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").executeAndCollect()) {
            while (read.hasNext()) {
                assertThat(read.next().fields()).containsOnlyKeys("id", "title", "v");
                seen++;
            }
        }
        assertThat(seen).isEqualTo(50);
    }
}
