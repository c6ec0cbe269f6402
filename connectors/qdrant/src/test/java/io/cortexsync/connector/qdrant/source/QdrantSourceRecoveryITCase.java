package io.cortexsync.connector.qdrant.source;

import io.cortexsync.testkit.qdrant.QdrantTestServer;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpointed job that fails once in the middle of the scroll restarts from its last
 * checkpoint, and each split continues from its checkpointed offset: what the committed
 * checkpoints hold is every point exactly once, and the source read well under twice the
 * collection.
 */
@Timeout(180)
class QdrantSourceRecoveryITCase {

    private static final int POINTS = 3_000;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static QdrantTestServer qdrant;
    private static List<QdrantPointId> written;

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicLong EMITTED = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        qdrant = QdrantTestServer.builder().port(0).build().start();
        written = QdrantSourceTestData.write(qdrant, "recover", POINTS, 20);
    }

    @AfterAll
    static void stop() {
        qdrant.close();
    }

    @Test
    void aJobFailingMidScrollResumesEachSplitFromItsCheckpointedOffset() throws Exception {
        // slow pages keep the scroll running across several checkpoints
        qdrant.faults().latency(Duration.ofMillis(4));
        try {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.enableCheckpointing(100);
            env.setParallelism(2);
            String output = "recovery";
            env.fromSource(QdrantSource.<QdrantPoint>builder()
                                    .setConnectionConfig(QdrantSourceTestData.connection(qdrant))
                                    .setCollectionName("recover")
                                    .setPartitionBits(4)
                                    .setPageSize(10)
                                    .setPayloadSelector(QdrantPayloadSelector.none())
                                    .build(),
                            WatermarkStrategy.noWatermarks(), "qdrant")
                    .map(point -> point.id().toString())
                    .map(new FailOnceAfterCommits(output, POINTS / 3))
                    .process(new CommittedIds(output)).setParallelism(1);

            JobClient job = env.executeAsync("qdrant source recovery");
            JobExecutionResult result = job.getJobExecutionResult().get(150, TimeUnit.SECONDS);

            assertThat(FAILED).as("the injected failure happened").isTrue();
            List<String> committed = CommittedIds.committed(output);
            Set<String> expected = written.stream().map(QdrantPointId::toString).collect(Collectors.toSet());
            assertThat(new HashSet<>(committed)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(committed).as("no point committed twice").hasSameSizeAs(expected);
            assertThat(EMITTED.get()).as("points emitted over both attempts")
                    .isGreaterThan(expected.size())
                    .isLessThan(expected.size() * 3L / 2);
            assertThat(result.getNetRuntime()).isPositive();
        } finally {
            qdrant.faults().reset();
        }
    }

    /** Passes ids on; throws once, after a third of them are committed by a completed checkpoint. */
    static final class FailOnceAfterCommits implements MapFunction<String, String> {
        private static final long serialVersionUID = 1L;
        private final String output;
        private final int committedBeforeFailure;

        FailOnceAfterCommits(String output, int committedBeforeFailure) {
            this.output = output;
            this.committedBeforeFailure = committedBeforeFailure;
        }

        @Override
        public String map(String id) {
            EMITTED.incrementAndGet();
            if (!FAILED.get() && CommittedIds.committed(output).size() >= committedBeforeFailure) {
                FAILED.set(true);
                throw new IllegalStateException("injected failure in the middle of the scroll");
            }
            return id;
        }
    }
}
