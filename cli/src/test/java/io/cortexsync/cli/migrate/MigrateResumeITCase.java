package io.cortexsync.cli.migrate;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.progress.Progress;
import io.cortexsync.cli.run.MiniClusterRunner;
import io.cortexsync.cli.run.ResumePoint;
import io.cortexsync.cli.run.ResumePoints;
import io.cortexsync.jobs.common.JobCounters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration cancelled after a checkpoint continues with {@code --resume} from that checkpoint:
 * it finishes with every record in Qdrant and correct, and writes fewer points than a run from zero.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MigrateResumeITCase {

    private static final int RECORDS = 4000;
    private static final int DIM = 8;

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("resume");
        stores.load("resume", "docs", RECORDS, DIM, true);
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void resumesFromTheLatestRetainedCheckpoint(@TempDir Path dir) throws Exception {
        List<String> args = stores.args("resume", "resumed", "docs");
        args.addAll(List.of("--checkpoint-dir", dir.resolve("chk").toString(), "--checkpoint-interval", "300ms",
                "--dead-letter", dir.resolve("dead.jsonl").toString()));

        args.set(args.indexOf("--batch-size") + 1, "16");
        MigrateOptions first = CortexSyncCli.parseMigrateOptions(args.toArray(new String[0]));
        // slower than the sink's target latency: batches shrink to the minimum and the run is still
        // going when it is cancelled
        stores.qdrant.faults().latency(Duration.ofMillis(1200));
        MigrationRun.Started running = new MigrationRun(first, new MiniClusterRunner(false), quiet(), false,
                Duration.ofSeconds(3)).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Progress progress = running.current();
        while (JobCounters.asLong(running.job().counters().get(JobCounters.CHECKPOINTS)) < 1
                || progress.migrated() < 200) {
            assertThat(System.nanoTime()).as("a checkpoint in time").isLessThan(deadline);
            Thread.sleep(50);
            progress = running.current();
        }
        running.job().cancel();
        MigrationReport cancelled = running.awaitReport();
        long pointsAfterCancel = stores.pointCount("resumed");
        assertThat(cancelled.status()).isEqualTo(MigrationReport.Status.CANCELED);
        assertThat(pointsAfterCancel).isBetween(1L, RECORDS - 1L);
        assertThat(ResumePoints.latest(first.checkpointUri())).map(ResumePoint::kind).hasValue(ResumePoint.Kind.CHECKPOINT);

        stores.qdrant.faults().reset();
        long upsertsBefore = stores.qdrant.callCount("Upsert");
        List<String> resumeArgs = new java.util.ArrayList<>(args);
        resumeArgs.addAll(List.of("--resume", "--verify", "--report", dir.resolve("report.json").toString()));
        MigrationTestStores.Run resumed = MigrationTestStores.migrate(resumeArgs);
        long upserts = stores.qdrant.callCount("Upsert") - upsertsBefore;

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming from ").contains("/chk-");
        assertThat(stores.pointCount("resumed")).isEqualTo(RECORDS);
        String report = Files.readString(dir.resolve("report.json"));
        long written = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report).get("pointsWritten").asLong();
        System.out.printf("resume: %d points in Qdrant after the cancel, %d points written by the resumed run (%d upsert calls), %d records%n",
                pointsAfterCancel, written, upserts, RECORDS);
        assertThat(written).isPositive().isLessThan(RECORDS);
        assertThat(report).contains("\"successful\" : " + RECORDS).contains("\"incorrect\" : 0").contains("\"correct\" : " + RECORDS);
        assertThat(Files.readAllLines(dir.resolve("dead.jsonl"))).hasSize(MigrationTestStores.BAD_RECORDS.size());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
