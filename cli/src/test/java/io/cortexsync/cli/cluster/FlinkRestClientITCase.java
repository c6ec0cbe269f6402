package io.cortexsync.cli.cluster;

import io.cortexsync.cli.cluster.testjob.CountingJob;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client against a real session cluster of scripts/local-cluster.sh (three JVMs). */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FlinkRestClientITCase {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path tempDir;

    private static LocalCluster cluster;
    private static FlinkRestClient rest;
    private static String jarId;

    @BeforeAll
    static void startCluster() throws Exception {
        // accumulators reach the REST API with the TaskManagers' heartbeats: every second, not every 10 s
        cluster = LocalCluster.start(LocalCluster.runDirFor(FlinkRestClientITCase.class), "heartbeat.interval=1000 heartbeat.timeout=6000");
        rest = new FlinkRestClient(cluster.restUri(), Duration.ofSeconds(30));
        jarId = rest.uploadJar(TestJobJar.write(tempDir));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void clusterHasTwoTaskManagersWithTwoSlotsEach() {
        ClusterOverview overview = rest.overview();

        assertThat(overview.taskManagers()).isEqualTo(2);
        assertThat(overview.slotsTotal()).isEqualTo(4);
        assertThat(overview.flinkVersion()).startsWith("2.2");
    }

    /**
     * The first cluster after a build records each role's classes (one process a role; the other
     * TaskManager runs without); every later one maps them. Which this is depends on the test
     * classes that ran before, so both are accepted, but nothing in between.
     */
    @Test
    void eachProcessMapsItsRolesClassDataArchiveOrOneRecordsIt() throws Exception {
        Map<String, String> classData = new LinkedHashMap<>();
        for (String process : List.of("jobmanager", "taskmanager-1", "taskmanager-2")) {
            classData.put(process, cluster.classData(process));
        }

        assertThat(classData.get("jobmanager")).as("%s", classData).matches("jobmanager\\.jsa|recording jobmanager\\..*\\.recording");
        List<String> taskManagers = List.of(classData.get("taskmanager-1"), classData.get("taskmanager-2"));
        if (taskManagers.stream().anyMatch(use -> use.startsWith("recording "))) {
            assertThat(taskManagers).as("%s", classData).satisfiesExactlyInAnyOrder(
                    use -> assertThat(use).matches("recording taskmanager\\..*\\.recording"),
                    use -> assertThat(use).isEqualTo("none"));
        } else {
            assertThat(taskManagers).as("%s", classData).containsOnly("taskmanager.jsa");
        }
    }

    @Test
    void runsAnUploadedJarToTheEndAndReadsItsAccumulators() throws Exception {
        String jobId = rest.runJar(jarId, JarRunRequest.of(CountingJob.class.getName(), List.of("5000")).withParallelism(2));

        JobInfo done = Await.until(JOB_TIMEOUT, "job " + jobId + " ends", () -> rest.job(jobId), JobInfo::isTerminal);

        assertThat(done.state()).isEqualTo(JobStatus.FINISHED);
        assertThat(rest.accumulators(jobId)).containsEntry(CountingJob.ACCUMULATOR, "5000");
    }

    @Test
    void cancelsARunningJob() throws Exception {
        String jobId = rest.runJar(jarId, JarRunRequest.of(CountingJob.class.getName(), List.of("1000000", "5")));
        Await.until(JOB_TIMEOUT, "job counts", () -> rest.accumulators(jobId).getOrDefault(CountingJob.ACCUMULATOR, "0"),
                counted -> Long.parseLong(counted) > 0);

        rest.cancel(jobId);

        JobInfo done = Await.until(JOB_TIMEOUT, "job " + jobId + " ends", () -> rest.job(jobId), JobInfo::isTerminal);
        assertThat(done.state()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void stopsARunningJobWithASavepoint() throws Exception {
        String jobId = rest.runJar(jarId, JarRunRequest.of(CountingJob.class.getName(), List.of("1000000", "5")));
        Await.until(JOB_TIMEOUT, "job counts", () -> rest.accumulators(jobId).getOrDefault(CountingJob.ACCUMULATOR, "0"),
                counted -> Long.parseLong(counted) > 0);

        String trigger = rest.stopWithSavepoint(jobId, tempDir.resolve("savepoints").toUri().toString());
        String location = Await.until(JOB_TIMEOUT, "the savepoint of " + jobId, () -> rest.savepointLocation(jobId, trigger),
                java.util.Optional::isPresent).get();

        assertThat(Path.of(java.net.URI.create(location)).resolve("_metadata")).isRegularFile();
        JobInfo done = Await.until(JOB_TIMEOUT, "job " + jobId + " ends", () -> rest.job(jobId), JobInfo::isTerminal);
        assertThat(done.state()).isEqualTo(JobStatus.FINISHED);
    }

    /**
     * Why {@code stop} names the job's savepoint directory itself: the REST API puts a savepoint that
     * names no directory into the cluster's savepoint directory (or refuses the stop without one),
     * whatever the job's own configuration says.
     */
    @Test
    void aStopThatNamesNoDirectoryGoesToTheClustersSavepointDirectoryNotTheJobs() throws Exception {
        Path jobsOwn = tempDir.resolve("job-savepoints");
        String jobId = rest.runJar(jarId, JarRunRequest.of(CountingJob.class.getName(),
                List.of("1000000", "5", jobsOwn.toUri().toString())));
        Await.until(JOB_TIMEOUT, "job counts", () -> rest.accumulators(jobId).getOrDefault(CountingJob.ACCUMULATOR, "0"),
                counted -> Long.parseLong(counted) > 0);

        String trigger = rest.stopWithSavepoint(jobId, null);
        String location = rest.awaitSavepoint(jobId, trigger, JOB_TIMEOUT);

        System.out.printf("a stop naming no directory wrote %s (the job's own directory: %s)%n", location, jobsOwn);
        assertThat(Path.of(java.net.URI.create(location)).getParent()).isEqualTo(cluster.runDir().resolve("savepoints"));
        assertThat(jobsOwn).doesNotExist();
        Await.until(JOB_TIMEOUT, "job " + jobId + " ends", () -> rest.job(jobId), JobInfo::isTerminal);
    }

    @Test
    void refusesAnUnknownEntryClassWithTheClustersReason() {
        assertThatThrownBy(() -> rest.runJar(jarId, JarRunRequest.of("io.cortexsync.NoSuchJob", List.of())))
                .isInstanceOf(FlinkRestException.class)
                .satisfies(e -> assertThat(((FlinkRestException) e).status()).isBetween(400, 599))
                .hasMessageContaining("run io.cortexsync.NoSuchJob");
    }

    @Test
    void failsClearlyWhenNoClusterListens() {
        FlinkRestClient nowhere = new FlinkRestClient(java.net.URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2));

        assertThatThrownBy(nowhere::overview)
                .isInstanceOf(FlinkRestException.class)
                .hasMessageContaining("http://127.0.0.1:1/");
    }
}
