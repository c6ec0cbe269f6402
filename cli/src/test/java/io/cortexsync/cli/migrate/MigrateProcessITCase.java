package io.cortexsync.cli.migrate;

import io.cortexsync.cli.CliProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cortex-sync migrate} as its own process, as a user runs it: what it leaves behind once it
 * has exited.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MigrateProcessITCase {

    static final String NS = "migrate_process";
    static final int DIM = 8;

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("migrate-process");
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    /**
     * The local Flink cluster's working directory and its copy of the RPC jar (21 MB) are gone
     * after the process exits, although it does not wait for the cluster's shutdown.
     */
    @Test
    void leavesNoFilesInTheTemporaryDirectory(@TempDir Path dir) throws Exception {
        stores.load(NS, "docs", 40, DIM, false);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> args = new ArrayList<>(stores.args(NS, "migrate_process_docs", "docs"));
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(),
                "--dead-letter", dir.resolve("dead.jsonl").toString(), "--no-verify"));

        CliProcess run = CliProcess.start("migrate", List.of("-Djava.io.tmpdir=" + tmp), args);

        assertThat(run.awaitExit(180)).as("exit code; printed:%n%s", run.printed()).isZero();
        assertThat(stores.pointCount("migrate_process_docs")).isEqualTo(40);
        // Flink's REST server keeps one empty upload directory of a fixed name, shared by every run
        assertThat(filesUnder(tmp)).as("left in java.io.tmpdir by the run that printed:%n%s", run.printed()).isEmpty();
        assertThat(namesIn(tmp)).as("directories left in java.io.tmpdir").allMatch("flink-web-upload"::equals);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.map(path -> path.getFileName().toString()).collect(Collectors.toList());
        }
    }
}
