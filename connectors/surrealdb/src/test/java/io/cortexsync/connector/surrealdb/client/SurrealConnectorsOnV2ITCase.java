package io.cortexsync.connector.surrealdb.client;

import io.cortexsync.connector.surrealdb.sink.SurrealSink;
import io.cortexsync.connector.surrealdb.sink.SurrealWrite;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.testkit.flink.MiniClusters;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink and the snapshot source in Flink jobs against a SurrealDB 2.x engine (2.6.0). */
@Timeout(300)
class SurrealConnectorsOnV2ITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.startV2("v2-connectors", "connectors_v2");

    private static float[] vector(long i) {
        return new float[] {i, i + 0.5f, -i};
    }

    @Test
    void theSinkWritesAndDeletesInAJob() throws Exception {
        List<Long> input = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            input.add(i);
        }
        // every tenth element deletes the record written just before it
        SurrealSink<Long> sink = SurrealSink.<Long>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setRecordSerializer(i -> i % 10 == 9
                        ? SurrealWrite.delete(SurrealRecordId.of("sunk", i - 1))
                        : SurrealWrite.upsert(SurrealRecordId.of("sunk", i), Map.of("n", i, "v", vector(i))))
                .setBatchSize(32)
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(input, Types.LONG).sinkTo(sink);
        env.execute("sink-on-v2");

        List<Object> stored = ENGINE.client().query("SELECT VALUE n FROM sunk ORDER BY n", Map.of()).get(0).resultList();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            if (i % 10 != 8 && i % 10 != 9) {
                expected.add(i);
            }
        }
        assertThat(stored).containsExactlyElementsOf(expected);
        Map<String, Object> one = ENGINE.client().query("SELECT * FROM $id", Map.of("id", SurrealRecordId.of("sunk", 7L)),
                QueryOptions.DEFAULTS.withFloatArrayFields("v")).get(0).records().get(0);
        assertThat((float[]) one.get("v")).containsExactly(vector(7));
    }

    @Test
    void aSnapshotReadsEveryRecordExactlyOnce() throws Exception {
        List<Statement> writes = new ArrayList<>();
        Map<SurrealRecordId, Long> written = new HashMap<>();
        for (long i = 0; i < 900; i++) {
            Object key = i % 3 == 0 ? (Object) i : "k⟩" + i;
            SurrealRecordId id = SurrealRecordId.ofKey("snap", key);
            writes.add(Statement.upsert(id, Map.of("n", i, "v", vector(i))));
            written.put(id, i);
        }
        ENGINE.client().queryBatch(writes);

        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("snap")
                .setStartingMode(StartingMode.SNAPSHOT_ONLY)
                .setChunkSize(100)
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Map<SurrealRecordId, Integer> counts = new HashMap<>();
        try (CloseableIterator<SurrealChange> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "surreal").executeAndCollect("snapshot-on-v2")) {
            while (read.hasNext()) {
                SurrealChange change = read.next();
                counts.merge(change.id(), 1, Integer::sum);
                Long n = written.get(change.id());
                assertThat(n).as("a record that was written: %s", change.id()).isNotNull();
                assertThat(change.fields().get("n")).isEqualTo(n);
                assertThat((float[]) change.fields().get("v")).containsExactly(vector(n));
            }
        }
        assertThat(counts.keySet()).isEqualTo(written.keySet());
        assertThat(counts.values()).allMatch(count -> count == 1);
    }
}
