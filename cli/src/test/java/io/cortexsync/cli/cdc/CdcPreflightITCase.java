package io.cortexsync.cli.cdc;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.connector.surrealdb.client.Statement;
import io.cortexsync.connector.surrealdb.client.SurrealClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Problems that end {@code cdc} before any job starts, with exit code 2 and one line naming the fix. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CdcPreflightITCase {

    private static MigrationTestStores stores;

    @BeforeAll
    static void start() {
        stores = MigrationTestStores.start("cdc-preflight");
        stores.load("cdc_pre", "nofeed", 5, 8, false);
        try (SurrealClient client = stores.surrealClient("cdc_pre")) {
            client.queryBatch(List.of(Statement.of("DEFINE TABLE withfeed CHANGEFEED 1h")));
        }
        stores.load("cdc_pre", "withfeed", 5, 8, false);
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void aTableWithoutAChangeFeedIsNamedWithTheStatementThatAddsOne(@TempDir Path dir) {
        String line = failsWithOneLine(args(dir, "withfeed", "nofeed"));
        assertThat(line).contains("table 'nofeed' has no change feed").contains("--table")
                .contains("DEFINE TABLE nofeed CHANGEFEED 3d");
        assertThat(line).doesNotContain("withfeed");
    }

    @Test
    void aStartingVersionstampOlderThanTheRetentionNamesStartSnapshot(@TempDir Path dir) {
        // 3.x versionstamps hold their commit millisecond: this one is from 2020, long before the 1h retention
        long old = 1_600_000_000_000L << 16;
        List<String> args = args(dir, "withfeed");
        args.addAll(List.of("--start", "versionstamp:" + old));
        String line = failsWithOneLine(args);
        assertThat(line).contains("--start versionstamp:" + old).contains("older than the change feed retention")
                .contains("--start snapshot").contains("--on-expired resnapshot");
    }

    private static List<String> args(Path dir, String... tables) {
        List<String> args = new ArrayList<>(stores.args("cdc_pre", "cdc_pre", tables));
        args.addAll(List.of("--checkpoint-dir", dir.resolve("cp").toString(), "--dead-letter", dir.resolve("dead.jsonl").toString()));
        return args;
    }

    private static String failsWithOneLine(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] argv = args.toArray(new String[0]);
        CommandLine cli = CortexSyncCli.commandLine(new CdcCommand(outStream, errStream), argv);
        cli.setOut(new PrintWriter(outStream, true));
        cli.setErr(new PrintWriter(errStream, true));
        int exit = cli.execute(argv);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; printed:%n%s%n%s", out, printed).isEqualTo(2);
        assertThat(printed.strip().lines()).as(printed).hasSize(1);
        return printed.strip();
    }
}
