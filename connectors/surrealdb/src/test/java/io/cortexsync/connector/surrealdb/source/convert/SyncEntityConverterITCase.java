package io.cortexsync.connector.surrealdb.source.convert;

import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.connector.surrealdb.source.SourceTestData;
import io.cortexsync.connector.surrealdb.source.StartingMode;
import io.cortexsync.connector.surrealdb.source.SurrealRecordDeserializer;
import io.cortexsync.connector.surrealdb.source.SurrealSource;
import io.cortexsync.connector.surrealdb.source.record.SurrealChange;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad records from the store reach the dead-letter output with their reason; the others go on. */
@Timeout(300)
class SyncEntityConverterITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("deadletters", "dead_letters_it");

    @Test
    void badVectorsGoToTheDeadLetterOutputAndTheRestContinues() throws Exception {
        SourceTestData.writeRecords(ENGINE.client(), "mixed", 200, 1);
        SurrealRecordId missing = SurrealRecordId.of("mixed", "no vector");
        SurrealRecordId wrongType = SurrealRecordId.of("mixed", "text vector");
        SurrealRecordId mixedList = SurrealRecordId.of("mixed", "list of words");
        SurrealRecordId nan = SurrealRecordId.of("mixed", "nan vector");
        SurrealRecordId infinite = SurrealRecordId.of("mixed", "infinite vector");
        SurrealRecordId shortOne = SurrealRecordId.of("mixed", "short vector");
        ENGINE.client().query("CREATE $id SET title = 'no vector'", Map.of("id", missing));
        ENGINE.client().query("CREATE $id SET v = 'not a vector'", Map.of("id", wrongType));
        ENGINE.client().query("CREATE $id SET v = ['a', 'b']", Map.of("id", mixedList));
        ENGINE.client().query("CREATE $id SET v = $v", Map.of("id", nan, "v", new float[] {1, 2, 3, 4, 5, 6, 7, Float.NaN}));
        ENGINE.client().query("CREATE $id SET v = $v", Map.of("id", infinite,
                "v", new double[] {Double.NEGATIVE_INFINITY, 1, 1, 1, 1, 1, 1, 1}));
        ENGINE.client().query("CREATE $id SET v = [1.0, 2.0]", Map.of("id", shortOne));

        SurrealSource<SurrealChange> source = SurrealSource.<SurrealChange>builder()
                .setConnectionConfig(ENGINE.config().build())
                .setTables("mixed")
                .setStartingMode(StartingMode.SNAPSHOT_ONLY)
                .setChunkSize(60)
                .setVectorFields("v")
                .setDeserializer(SurrealRecordDeserializer.changes())
                .build();
        SyncEntityMapping mapping = SyncEntityMapping.builder()
                .vectorField("v").workspaceId("ws").dimension(SourceTestData.DIMENSIONS).build();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SingleOutputStreamOperator<SyncEntity> entities = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "surreal")
                .process(new SyncEntityConverter(mapping))
                .returns(SchemaTypes.SYNC_ENTITY);
        CloseableIterator<SyncEntity> good = entities.collectAsync();
        CloseableIterator<DeadLetter> bad = entities.getSideOutput(SyncEntityConverter.DEAD_LETTERS).collectAsync();
        JobClient job = env.executeAsync("dead letters");

        List<SyncEntity> converted = new ArrayList<>();
        good.forEachRemaining(converted::add);
        Map<String, DeadLetter> letters = new HashMap<>();
        bad.forEachRemaining(letter -> letters.put(letter.recordId(), letter));
        job.getJobExecutionResult().get(60, TimeUnit.SECONDS);

        assertThat(converted).hasSize(200);
        assertThat(converted).allSatisfy(entity -> assertThat(entity.dimension()).isEqualTo(SourceTestData.DIMENSIONS));
        assertThat(letters).containsOnlyKeys(
                missing.toString(), wrongType.toString(), mixedList.toString(), nan.toString(), infinite.toString(),
                shortOne.toString());
        assertThat(letters.get(missing.toString()).reason()).isEqualTo("vector field 'v' is missing");
        assertThat(letters.get(missing.toString()).raw()).contains("\"title\":\"no vector\"");
        assertThat(letters.get(wrongType.toString()).reason()).isEqualTo("vector field 'v' is a String, not an array of numbers");
        assertThat(letters.get(mixedList.toString()).reason()).contains("not an array of numbers");
        assertThat(letters.get(nan.toString()).reason()).isEqualTo("vector element 7 is NaN");
        assertThat(letters.get(nan.toString()).raw()).contains("\"NaN\"");
        assertThat(letters.get(infinite.toString()).reason()).isEqualTo("vector element 0 is -Infinity");
        assertThat(letters.get(shortOne.toString()).reason()).isEqualTo("vector has dimension 2, expected 8");
        assertThat(letters.values()).allSatisfy(letter -> assertThat(letter.stage()).isEqualTo(SyncEntityConverter.STAGE));
    }
}
