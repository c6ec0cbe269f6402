package io.cortexsync.connector.surrealdb.sink;

import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealConnectionConfig;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.connector.surrealdb.client.SurrealTestEngine;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.proxy.FaultProxy;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.RestartStrategyUtils;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.cortexsync.connector.surrealdb.sink.SinkTestSupport.await;
import static io.cortexsync.connector.surrealdb.sink.SinkTestSupport.entity;
import static io.cortexsync.connector.surrealdb.sink.SinkTestSupport.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs that fail and restart from their last checkpoint: each key is written several times with
 * growing values, and every record must end with its last value, none missing, none extra.
 */
@Timeout(300)
class SurrealSinkRecoveryITCase {

    private static final int DIM = 8;
    private static final int KEYS = 400;
    private static final int ROUNDS = 6;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final SurrealTestEngine ENGINE = SurrealTestEngine.start("sink-recovery", "recovery");

    /** Numbers 0 .. KEYS*ROUNDS-1 at {@code perSecond}, written as key {@code n % KEYS} with value n. */
    private static StreamExecutionEnvironment job(SurrealConnectionConfig connection, double perSecond, String failOnceName) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(100);
        RestartStrategyUtils.configureFixedDelayRestartStrategy(env, 20, Duration.ofMillis(300));
        DataGeneratorSource<Long> numbers = new DataGeneratorSource<>(
                n -> n, (long) KEYS * ROUNDS, RateLimiterStrategy.perSecond(perSecond), Types.LONG);
        env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers").setParallelism(1)
                .map(n -> entity("docs", "k" + (n % KEYS), n, null, DIM)).returns(SchemaTypes.SYNC_ENTITY)
                .setParallelism(1)
                // one key, one writer: its writes stay in order
                .keyBy(entity -> entity.id().canonical())
                .map(new FailOnceAfterACheckpoint(failOnceName, 500)).returns(SchemaTypes.SYNC_ENTITY)
                .sinkTo(SurrealSink.<SyncEntity>builder()
                        .setConnectionConfig(connection)
                        .setRecordSerializer(new SyncEntityRecordSerializer())
                        .setBatchSize(50)
                        .setMaxBufferedTime(Duration.ofMillis(200))
                        .build())
                .name("surreal-sink");
        return env;
    }

    private static void assertEveryKeyHoldsItsLastValue(SurrealClient client) {
        Map<SurrealRecordId, Long> expected = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            expected.put(SurrealRecordId.of("docs", "k" + k), (long) k + (long) KEYS * (ROUNDS - 1));
        }
        assertThat(values(client, "docs")).isEqualTo(expected);
    }

    @Test
    void aJobFailingMidwayRestartsFromItsCheckpointAndEndsWithTheFinalValues() throws Exception {
        SurrealConnectionConfig connection = ENGINE.config("recovery_failover").build();
        String name = "failover";

        job(connection, 1_500, name).execute();

        assertThat(FailOnceAfterACheckpoint.hasFailed(name)).as("the job failed once on the way").isTrue();
        try (SurrealClient client = SurrealClient.create(connection)) {
            assertEveryKeyHoldsItsLastValue(client);
        }
    }

    @Test
    void aJobSurvivesAnEngineOutageAndCompletes() throws Exception {
        URI target = URI.create(ENGINE.baseUrl());
        try (FaultProxy proxy = FaultProxy.start(target.getHost(), target.getPort());
                SurrealClient direct = SurrealClient.create(ENGINE.config("recovery_outage").build())) {
            SurrealConnectionConfig throughProxy = ENGINE.config("http://" + proxy.address(), "recovery_outage")
                    .retry(4, Duration.ofMillis(50), Duration.ofMillis(300))
                    .connectTimeout(Duration.ofSeconds(2))
                    .requestTimeout(Duration.ofSeconds(10))
                    .build();
            JobClient job = job(throughProxy, 600, "no-failure").executeAsync();

            await(() -> values(direct, "docs").size() >= 100, Duration.ofSeconds(60), "the first records");
            proxy.refuseConnections(true);
            proxy.cutConnections();
            await(() -> proxy.refusedConnections() >= 10, Duration.ofSeconds(60), "refused reconnections");
            assertThat(job.getJobStatus().get()).as("the job is still going during the outage").isNotIn(JobStatus.FINISHED, JobStatus.FAILED);
            proxy.heal();

            job.getJobExecutionResult().get(180, TimeUnit.SECONDS);

            assertEveryKeyHoldsItsLastValue(direct);
        }
    }

    /** Fails one record once, after it has seen a completed checkpoint and enough records. */
    private static final class FailOnceAfterACheckpoint extends RichMapFunction<SyncEntity, SyncEntity>
            implements CheckpointListener {

        private static final long serialVersionUID = 1L;
        private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

        private final String name;
        private final int after;
        private transient boolean checkpointed;
        private transient int seen;

        FailOnceAfterACheckpoint(String name, int after) {
            this.name = name;
            this.after = after;
            FAILED.put(name, new AtomicBoolean("no-failure".equals(name)));
        }

        static boolean hasFailed(String name) {
            return FAILED.get(name).get();
        }

        @Override
        public SyncEntity map(SyncEntity entity) {
            if (++seen >= after && checkpointed && FAILED.get(name).compareAndSet(false, true)) {
                throw new IllegalStateException("failing once on purpose after " + seen + " records");
            }
            return entity;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
