package io.cortexsync.connector.qdrant.sink;

import io.cortexsync.connector.qdrant.client.QdrantConnectionConfig;
import io.cortexsync.connector.qdrant.convert.SyncEntityPointConverter;
import io.cortexsync.schema.hash.ContentHash;
import io.cortexsync.schema.model.DeadLetter;
import io.cortexsync.schema.model.PayloadFields;
import io.cortexsync.schema.model.SyncEntity;
import io.cortexsync.schema.serialization.SchemaTypes;
import io.cortexsync.testkit.qdrant.QdrantTestServer;

import io.qdrant.client.grpc.Points.RetrievedPoint;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Past the retry limit the job fails, restarts from its last checkpoint and still ends complete. */
@Timeout(90)
class QdrantSinkFailoverITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void anOutageLongerThanTheRetriesFailsTheJobOverAndItFinishesComplete() throws Exception {
        try (QdrantTestServer qdrant = QdrantTestServer.builder().port(0).build().start()) {
            QdrantConnectionConfig connection = QdrantConnectionConfig.builder()
                    .host(qdrant.host()).port(qdrant.port()).requestTimeout(Duration.ofSeconds(10)).build();
            SinkTestSupport.createCollection(connection, "failover", 8);
            List<SyncEntity> entities = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                entities.add(SinkTestSupport.entity("doc", i, 8, 3));
            }
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 50);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            env.enableCheckpointing(200);
            CountingOpens opens = new CountingOpens();
            env.fromData(entities, SchemaTypes.SYNC_ENTITY)
                    .sinkTo(QdrantSink.<SyncEntity>builder()
                            .setConnectionConfig(connection)
                            .setCollectionName("failover")
                            .setPointConverter(new SyncEntityPointConverter())
                            .setBatchSize(40).setMinBatchSize(10).setMaxBatchSize(40)
                            .setMaxRetries(1).setInitialBackoff(Duration.ofMillis(20)).setMaxBackoff(Duration.ofMillis(40))
                            .setOutcomeListener(opens)
                            .build());
            qdrant.faults().latency(Duration.ofMillis(20));
            JobClient job = env.executeAsync("failover");
            CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (qdrant.callCount("Upsert") < 6 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                qdrant.faults().goUnavailable();
                try {
                    Thread.sleep(1500); // the outage's length, not a wait for anything
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                qdrant.faults().resume();
            });
            job.getJobExecutionResult().get(80, TimeUnit.SECONDS);
            outage.get(10, TimeUnit.SECONDS);

            assertThat(opens.count()).as("writers opened: two, then two more per restart").isGreaterThan(2);
            Map<String, RetrievedPoint> points = SinkTestSupport.pointsBySurrealId(connection, "failover");
            assertThat(points).hasSize(2000);
            for (SyncEntity entity : entities) {
                assertThat(SinkTestSupport.text(points.get(entity.id().canonical()), PayloadFields.CONTENT_HASH))
                        .isEqualTo(ContentHash.of(entity));
            }
        }
    }

    /** Counts the writers opened in this JVM (the dead-letter handler is opened with each). */
    static final class CountingOpens implements QdrantSinkOutcomeListener {
        private static final long serialVersionUID = 1L;
        private static final AtomicInteger OPENS = new AtomicInteger();

        CountingOpens() {
            OPENS.set(0);
        }

        @Override
        public void open(int subtaskIndex, int parallelism) {
            OPENS.incrementAndGet();
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {}

        int count() {
            return OPENS.get();
        }
    }
}
