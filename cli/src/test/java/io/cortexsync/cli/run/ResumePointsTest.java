package io.cortexsync.cli.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResumePointsTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void newestCompleteCheckpointOfAnyEarlierJobWins(@TempDir Path dir) throws Exception {
        Path sync = dir.resolve("docs-abc");
        complete(sync.resolve("job1/chk-7"), T);
        complete(sync.resolve("job2/chk-3"), T.plusSeconds(3600));
        // newer but incomplete: no _metadata
        Files.createDirectories(sync.resolve("job2/chk-4"));
        Files.createDirectories(sync.resolve("job2/shared"));

        assertThat(ResumePoints.latest(uri(sync))).hasValueSatisfying(point -> {
            assertThat(point.path()).endsWith("/job2/chk-3");
            assertThat(point.kind()).isEqualTo(ResumePoint.Kind.CHECKPOINT);
            assertThat(point.checkpointId()).isEqualTo(3);
        });
    }

    @Test
    void aNewerSavepointBeatsAnOlderCheckpoint(@TempDir Path dir) throws Exception {
        Path sync = dir.resolve("cdc-abc");
        complete(sync.resolve("job1/chk-12"), T);
        complete(sync.resolve("savepoints/savepoint-8a1b2c-0123456789ab"), T.plusSeconds(60));

        assertThat(ResumePoints.latest(uri(sync))).hasValueSatisfying(point -> {
            assertThat(point.path()).endsWith("/savepoints/savepoint-8a1b2c-0123456789ab");
            assertThat(point.kind()).isEqualTo(ResumePoint.Kind.SAVEPOINT);
        });
    }

    @Test
    void anIncompleteSavepointIsPassedOver(@TempDir Path dir) throws Exception {
        Path sync = dir.resolve("cdc-abc");
        complete(sync.resolve("savepoints/savepoint-8a1b2c-000000000001"), T);
        complete(sync.resolve("job2/chk-5"), T.plusSeconds(30));
        // the stop that wrote this one failed before its metadata: it is newer, and not restorable
        Files.createDirectories(sync.resolve("savepoints/savepoint-8a1b2c-000000000002"));

        assertThat(ResumePoints.latest(uri(sync))).hasValueSatisfying(point -> assertThat(point.path()).endsWith("/job2/chk-5"));
        assertThat(ResumePoints.all(uri(sync))).extracting(ResumePoint::kind)
                .containsExactly(ResumePoint.Kind.CHECKPOINT, ResumePoint.Kind.SAVEPOINT);
    }

    @Test
    void newerBeatsOlderAmongSavepointsAndCheckpointsAlike(@TempDir Path dir) throws Exception {
        Path sync = dir.resolve("cdc-abc");
        complete(sync.resolve("savepoints/savepoint-8a1b2c-000000000001"), T);
        complete(sync.resolve("job1/chk-9"), T.plusSeconds(10));
        complete(sync.resolve("savepoints/savepoint-ffffff-000000000002"), T.plusSeconds(20));
        complete(sync.resolve("job2/chk-2"), T.plusSeconds(30));

        assertThat(ResumePoints.all(uri(sync))).extracting(point -> Path.of(point.path()).getFileName().toString())
                .containsExactly("chk-2", "savepoint-ffffff-000000000002", "chk-9", "savepoint-8a1b2c-000000000001");
    }

    @Test
    void onEqualTimesTheHigherCheckpointAndThenASavepointWin(@TempDir Path dir) throws Exception {
        Path sync = dir.resolve("cdc-abc");
        complete(sync.resolve("job1/chk-9"), T);
        complete(sync.resolve("job1/chk-10"), T);
        assertThat(ResumePoints.latest(uri(sync))).hasValueSatisfying(point -> assertThat(point.path()).endsWith("/chk-10"));

        complete(sync.resolve("savepoints/savepoint-8a1b2c-000000000001"), T);
        assertThat(ResumePoints.latest(uri(sync))).hasValueSatisfying(point -> assertThat(point.kind()).isEqualTo(ResumePoint.Kind.SAVEPOINT));
    }

    @Test
    void noneWithoutCheckpointsOrSavepoints(@TempDir Path dir) throws Exception {
        assertThat(ResumePoints.latest(uri(dir.resolve("missing")))).isEmpty();
        Files.createDirectories(dir.resolve("empty/job/chk-1"));
        Files.createDirectories(dir.resolve("empty/savepoints/savepoint-8a1b2c-000000000001"));
        // only a savepoint dir's own children count: a stray chk-N under savepoints/ is not one
        complete(dir.resolve("empty/savepoints/chk-3"), T);
        assertThat(ResumePoints.latest(uri(dir.resolve("empty")))).isEmpty();
    }

    @Test
    void theSavepointDirectoryIsNextToTheCheckpoints() {
        assertThat(ResumePoints.savepointDirectory("file:///data/cp/docs-abc/")).isEqualTo("file:///data/cp/docs-abc/savepoints");
    }

    private static String uri(Path dir) {
        return dir.toUri().toString();
    }

    private static void complete(Path state, Instant time) throws Exception {
        Files.createDirectories(state);
        Path metadata = Files.writeString(state.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(time));
    }
}
