package io.cortexsync.cli.migrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointLocatorTest {

    @Test
    void newestCompleteCheckpointOfAnyEarlierJobWins(@TempDir Path dir) throws Exception {
        Path migration = dir.resolve("docs-abc");
        checkpoint(migration.resolve("job1/chk-7"), Instant.parse("2026-01-01T10:00:00Z"));
        checkpoint(migration.resolve("job2/chk-3"), Instant.parse("2026-01-01T11:00:00Z"));
        // newer but incomplete: no _metadata
        Files.createDirectories(migration.resolve("job2/chk-4"));
        Files.createDirectories(migration.resolve("job2/shared"));

        assertThat(CheckpointLocator.latest(migration.toUri().toString()))
                .hasValueSatisfying(path -> assertThat(path).endsWith("/job2/chk-3"));
    }

    @Test
    void aNewerSavepointBeatsAnOlderCheckpointAndAnIncompleteOneCountsNot(@TempDir Path dir) throws Exception {
        Path sync = dir.resolve("cdc-docs-abc");
        checkpoint(sync.resolve("job1/chk-12"), Instant.parse("2026-01-01T10:00:00Z"));
        checkpoint(sync.resolve("savepoints/savepoint-6f1a2b-1c2d3e4f5a6b"), Instant.parse("2026-01-01T10:05:00Z"));
        Files.createDirectories(sync.resolve("savepoints/savepoint-6f1a2b-ffffffffffff"));
        assertThat(CheckpointLocator.latest(sync.toUri().toString()))
                .hasValueSatisfying(path -> assertThat(path).endsWith("/savepoints/savepoint-6f1a2b-1c2d3e4f5a6b"));

        checkpoint(sync.resolve("job2/chk-2"), Instant.parse("2026-01-01T10:06:00Z"));
        assertThat(CheckpointLocator.latest(sync.toUri().toString()))
                .hasValueSatisfying(path -> assertThat(path).endsWith("/job2/chk-2"));
    }

    @Test
    void noneWithoutCheckpoints(@TempDir Path dir) throws Exception {
        assertThat(CheckpointLocator.latest(dir.resolve("missing").toUri().toString())).isEmpty();
        Files.createDirectories(dir.resolve("empty/job/chk-1"));
        assertThat(CheckpointLocator.latest(dir.resolve("empty").toUri().toString())).isEmpty();
    }

    private static void checkpoint(Path chk, Instant time) throws Exception {
        Files.createDirectories(chk);
        Path metadata = Files.writeString(chk.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(time));
    }
}
