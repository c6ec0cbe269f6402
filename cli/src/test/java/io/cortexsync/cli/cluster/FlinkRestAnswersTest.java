package io.cortexsync.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST answers {@code status} and {@code stop} read, as a Flink 2.2 session cluster gave them
 * for a running migration (captured by MigrateOnClusterITCase, under {@code flink-rest/}; only the
 * test's temporary directory is replaced by {@code /data}).
 */
class FlinkRestAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "c85dc88e02b575929ae04d2cf364338f";

    @Test
    void jobsOfTheOverview() throws IOException {
        List<JobSummary> jobs = JobSummary.listOf(answer("jobs-overview.json"));

        assertThat(jobs).containsExactly(new JobSummary(JOB, "cortex-sync migrate resumed -> stopped", JobStatus.RUNNING,
                1796429692945L, -1, 30695));
        assertThat(jobs.get(0).isTerminal()).isFalse();
    }

    @Test
    void onlyTheProjectsRunningAndRecentlyEndedJobsAreListedByDefault() throws IOException {
        JobSummary running = JobSummary.listOf(answer("jobs-overview.json")).get(0);
        long now = running.startMillis() + running.durationMs();
        JobSummary foreign = new JobSummary("1".repeat(32), "counting 1000", JobStatus.RUNNING, now - 5_000, -1, 5_000);
        JobSummary endedRecently = new JobSummary("2".repeat(32), "cortex-sync cdc a -> b", JobStatus.FAILED,
                now - 600_000, now - 60_000, 540_000);
        JobSummary endedLongAgo = new JobSummary("3".repeat(32), "cortex-sync migrate a -> b", JobStatus.FINISHED,
                now - 7_200_000, now - 3_600_001, 3_599_999);
        List<JobSummary> jobs = List.of(running, foreign, endedRecently, endedLongAgo);

        assertThat(JobStatusReader.select(jobs, false, now)).containsExactly(running, endedRecently);
        assertThat(JobStatusReader.select(jobs, true, now)).containsExactly(running, endedRecently, endedLongAgo);
    }

    @Test
    void theLatestCompletedCheckpoint() throws IOException {
        CheckpointStats stats = CheckpointStats.of(answer("job-checkpoints.json"));

        assertThat(stats.completed()).isEqualTo(1);
        assertThat(stats.failed()).isEqualTo(9);
        assertThat(stats.restored()).isZero();
        assertThat(stats.hasCompleted()).isTrue();
        assertThat(stats.latestCompletedId()).isEqualTo(1);
        assertThat(stats.latestCompletedAtMillis()).isEqualTo(1796429722111L);
        assertThat(stats.latestCompletedPath()).hasValueSatisfying(path -> assertThat(path).endsWith("/" + JOB + "/chk-1"));
    }

    @Test
    void noCheckpointYet() throws IOException {
        CheckpointStats stats = CheckpointStats.of(JSON.readTree(
                "{\"counts\":{\"restored\":0,\"total\":0,\"in_progress\":0,\"completed\":0,\"failed\":0},"
                        + "\"latest\":{\"completed\":null,\"savepoint\":null,\"failed\":null,\"restored\":null},\"history\":[]}"));

        assertThat(stats.hasCompleted()).isFalse();
        assertThat(stats.latestCompletedAtMillis()).isEqualTo(-1);
        assertThat(stats.latestCompletedPath()).isEmpty();
    }

    @Test
    void theJobPublishesItsSavepointDirectoryAsAParameter() throws IOException {
        assertThat(FlinkRestClient.parametersOf(answer("job-config.json")))
                .hasEntrySatisfying("execution.checkpointing.savepoint-dir",
                        dir -> assertThat(dir).startsWith("file:///").endsWith("/checkpoints/stopped-41339ab38dfd/savepoints"));
    }

    @Test
    void anOperatorsMetricIsFoundUnderItsOperatorsName() throws IOException {
        JsonNode available = answer("source-subtasks-metrics.json");

        assertThat(SubtaskMetrics.idsOf(available, "currentEmitEventTimeLag"))
                .containsExactly("Source__SurrealDB_resumed.currentEmitEventTimeLag");
        assertThat(SubtaskMetrics.idsOf(available, "numBytesOut")).contains("numBytesOut", "to_SyncEntity.numBytesOut");
        // a migration's reader reads no change feed and has no lag gauge
        assertThat(SubtaskMetrics.idsOf(available, JobStatusReader.LAG_METRIC)).isEmpty();
    }

    @Test
    void theLargestOfTheSubtasksMaxima() throws IOException {
        JsonNode maxima = answer("source-subtasks-metrics-max.json");

        assertThat(SubtaskMetrics.max(maxima)).isEqualTo(OptionalDouble.of(0.0));
        JsonNode lagGauge = JSON.createArrayNode().add(maxima.get(maxima.size() - 1));
        assertThat(SubtaskMetrics.max(lagGauge)).isEqualTo(OptionalDouble.of(-1.0));
        assertThat(SubtaskMetrics.max(JSON.createArrayNode())).isEmpty();
    }

    @Test
    void aReaderWithoutAPositionHasNoLagFigure() {
        assertThat(JobStatusReader.lagOf(OptionalDouble.of(-1.0))).isEmpty();
        assertThat(JobStatusReader.lagOf(OptionalDouble.empty())).isEmpty();
        assertThat(JobStatusReader.lagOf(OptionalDouble.of(0.0))).isEqualTo(OptionalLong.of(0));
        assertThat(JobStatusReader.lagOf(OptionalDouble.of(850.4))).isEqualTo(OptionalLong.of(850));
    }

    @Test
    void aFailedSavepointIsToldByItsInnermostCause() {
        String trace = "java.util.concurrent.CompletionException: org.apache.flink.runtime.checkpoint.CheckpointException: Failure\n"
                + "\tat java.base/...\n"
                + "Caused by: org.apache.flink.runtime.checkpoint.CheckpointException: Task has failed.\n"
                + "\tat org.apache...\n";

        assertThat(FlinkRestClient.rootCause(trace))
                .isEqualTo("org.apache.flink.runtime.checkpoint.CheckpointException: Task has failed.");
        assertThat(FlinkRestClient.rootCause("one line")).isEqualTo("one line");
    }

    private static JsonNode answer(String name) throws IOException {
        try (InputStream in = FlinkRestAnswersTest.class.getResourceAsStream("/flink-rest/" + name)) {
            assertThat(in).as("test resource flink-rest/%s", name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
