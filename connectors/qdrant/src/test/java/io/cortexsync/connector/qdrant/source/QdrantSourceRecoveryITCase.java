package io.cortexsync.connector.qdrant.source;

import io.cortexsync.testkit.qdrant.QdrantTestServer;
import io.grpc.Status;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
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
 * A checkpointed job that fails once in the middle of the scroll (a task throws, or Qdrant's
 * scrolls fail past the reader's retries) restarts from its last checkpoint, and each split continues from its checkpointed offset: what the committed
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
    static final AtomicLong OPENED = new AtomicLong();

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
        runFailingOnce("task-failure", Failure.THROW, 5);
    }

    @Test
    void scrollsFailingPastTheirRetriesRestartTheJobWhichResumesFromTheOffsets() throws Exception {
        long scrollsBefore = qdrant.callCount("Scroll");
        runFailingOnce("scroll-failure", Failure.SCROLLS_UNAVAILABLE, 1);
        assertThat(qdrant.callCount("Scroll") - scrollsBefore).as("scrolls, failed ones included").isPositive();
    }

    private void runFailingOnce(String output, Failure failure, int maxRetries) throws Exception {
        FAILED.set(false);
        EMITTED.set(0);
        OPENED.set(0);
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
            env.fromSource(QdrantSource.<QdrantPoint>builder()
                                    .setConnectionConfig(QdrantSourceTestData.connection(qdrant))
                                    .setCollectionName("recover")
                                    .setPartitionBits(4)
                                    .setPageSize(10)
                                    .setPayloadSelector(QdrantPayloadSelector.none())
                                    .setMaxRetries(maxRetries)
                                    .setInitialBackoff(Duration.ofMillis(10))
                                    .setMaxBackoff(Duration.ofMillis(20))
                                    .build(),
                            WatermarkStrategy.noWatermarks(), "qdrant")
                    .map(point -> point.id().toString())
                    .map(new FailOnceAfterCommits(output, POINTS / 3, failure))
                    .process(new CommittedIds(output)).setParallelism(1);

            JobClient job = env.executeAsync("qdrant source recovery: " + output);
            JobExecutionResult result = job.getJobExecutionResult().get(150, TimeUnit.SECONDS);

            assertThat(FAILED).as("the injected failure happened").isTrue();
            List<String> committed = CommittedIds.committed(output);
            Set<String> expected = written.stream().map(QdrantPointId::toString).collect(Collectors.toSet());
            assertThat(new HashSet<>(committed)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(committed).as("no point committed twice").hasSameSizeAs(expected);
            assertThat(OPENED.get()).as("map subtasks opened: the job restarted").isGreaterThan(2);
            // only what came after the last completed checkpoint is read again
            assertThat(EMITTED.get()).as("points emitted over both attempts")
                    .isBetween((long) expected.size(), expected.size() * 3L / 2);
            assertThat(result.getNetRuntime()).isPositive();
        } finally {
            qdrant.faults().reset();
        }
    }

    /** How the job is made to fail once. */
    enum Failure {
        /** The task throws. */
        THROW,
        /** Qdrant answers the next scrolls UNAVAILABLE, more often than a reader retries. */
        SCROLLS_UNAVAILABLE
    }

    /** Passes ids on; fails the job once, after a third of them are committed by a completed checkpoint. */
    static final class FailOnceAfterCommits extends RichMapFunction<String, String> {
        private static final long serialVersionUID = 1L;
        private final String output;
        private final int committedBeforeFailure;
        private final Failure failure;

        FailOnceAfterCommits(String output, int committedBeforeFailure, Failure failure) {
            this.output = output;
            this.committedBeforeFailure = committedBeforeFailure;
            this.failure = failure;
        }

        @Override
        public void open(OpenContext openContext) {
            OPENED.incrementAndGet();
        }

        @Override
        public String map(String id) {
            EMITTED.incrementAndGet();
            if (!FAILED.get() && CommittedIds.committed(output).size() >= committedBeforeFailure) {
                FAILED.set(true);
                if (failure == Failure.THROW) {
                    throw new IllegalStateException("injected failure in the middle of the scroll");
                }
                // two readers with one retry each: at least one of them runs out of retries
                qdrant.faults().failNext(4, Status.Code.UNAVAILABLE, "Scroll");
            }
            return id;
        }
    }
}
