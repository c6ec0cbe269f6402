package io.cortexsync.cli.migrate;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.run.JobOutcome;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.ResumePoint;
import io.cortexsync.cli.run.ResumePoints;
import io.cortexsync.cli.run.RunningJob;
import io.cortexsync.jobs.common.JobCounters;
import io.cortexsync.jobs.migrate.MigrateJob;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MiniCluster runner's stop with a savepoint, and a start restored from that savepoint: the
 * run flow the streaming jobs stop and resume by. A stop that names no directory puts the savepoint
 * into the job's own savepoint directory, next to its checkpoints, where {@link ResumePoints} finds
 * it. The restored job writes only what the stopped one had not (no point is written twice), and
 * every record ends up in Qdrant.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class MiniClusterStopWithSavepointITCase {

    private static final int RECORDS = 3000;
    private static final int DIM = 8;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("savepoint");
        stores.load("savepoint", "docs", RECORDS, DIM, false);
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void aJobStoppedWithASavepointResumesFromItAndWritesOnlyTheRest(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(stores.args("savepoint", "saved", "docs"));
        args.set(args.indexOf("--batch-size") + 1, "16");
        args.addAll(List.of("--checkpoint-dir", dir.resolve("chk").toString(), "--dead-letter", dir.resolve("dead.jsonl").toString()));
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(args.toArray(new String[0]));
        options.validate();
        Configuration config = options.jobConfiguration(DIM);
        CollectionSetup.prepare(options, config);
        MiniClusterRunner runner = new MiniClusterRunner(false);

        // slow upserts (about 14 s of writing): the job is still writing when it is stopped
        stores.qdrant.faults().latency(Duration.ofMillis(600));
        long upsertedBefore = stores.qdrant.upsertedPointCount();
        RunningJob first = runner.start(new MigrateJob(), config, Optional.empty());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (JobCounters.asLong(first.counters().get(JobCounters.MIGRATED)) < 100) {
            assertThat(System.nanoTime()).as("the first job migrates in time").isLessThan(deadline);
            Thread.sleep(50);
        }
        String savepoint = first.stopWithSavepoint(WAIT);
        JobOutcome stopped = first.awaitEnd();
        long writtenBeforeStop = stores.qdrant.upsertedPointCount() - upsertedBefore;
        stores.qdrant.faults().reset();

        assertThat(stopped.state()).isEqualTo(JobStatus.FINISHED);
        assertThat(Path.of(URI.create(savepoint)).resolve("_metadata")).isRegularFile();
        assertThat(Path.of(URI.create(savepoint)).getParent()).as("the job's own savepoint directory")
                .isEqualTo(Path.of(URI.create(options.checkpointUri() + "/savepoints")));
        assertThat(ResumePoints.latest(options.checkpointUri())).hasValueSatisfying(point -> {
            assertThat(point.kind()).isEqualTo(ResumePoint.Kind.SAVEPOINT);
            assertThat(Path.of(URI.create(point.path()))).isEqualTo(Path.of(URI.create(savepoint)));
        });
        assertThat(writtenBeforeStop).as("points written before the stop").isBetween(1L, RECORDS - 1L);

        long upsertedBeforeResume = stores.qdrant.upsertedPointCount();
        JobOutcome resumed = runner.start(new MigrateJob(), config, Optional.of(savepoint)).awaitEnd();
        long writtenByResume = stores.qdrant.upsertedPointCount() - upsertedBeforeResume;

        System.out.printf("stop with savepoint: %d points written before the stop, %d by the job restored from %s, %d records%n",
                writtenBeforeStop, writtenByResume, savepoint, RECORDS);
        assertThat(resumed.state()).isEqualTo(JobStatus.FINISHED);
        assertThat(stores.pointCount("saved")).isEqualTo(RECORDS);
        // the stop flushes the sink at the savepoint and the tasks end there: nothing is written twice
        assertThat(writtenBeforeStop + writtenByResume).as("points written by both jobs").isEqualTo(RECORDS);
    }
}
