package io.cortexsync.cli.check;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.migrate.MigrationTestStores;
import io.cortexsync.connector.qdrant.client.QdrantConnection;
import io.cortexsync.connector.surrealdb.client.SurrealClient;
import io.cortexsync.connector.surrealdb.client.SurrealRecordId;
import io.cortexsync.schema.ids.PointIds;

import io.qdrant.client.PointIdFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} on the real engine and the Qdrant server after a clean migration, with drift
 * planted: each of the five outcomes, the hashes it prints, a hostile id, a record that cannot be
 * synced, and wrong options.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CheckCommandITCase {

    private static final String NS = "check_it";
    private static final String TABLE = "docs";
    private static final String COLLECTION = "check_docs";
    private static final int DIM = 8;

    private static MigrationTestStores stores;

    @BeforeAll
    static void migrateThenPlantDrift() throws Exception {
        stores = MigrationTestStores.start("check");
        stores.load(NS, TABLE, 20, DIM, true);
        MigrationTestStores.Run migration = MigrationTestStores.migrate(stores.args(NS, COLLECTION, TABLE));
        assertThat(migration.exitCode()).as(migration.err()).isZero();

        try (QdrantConnection qdrant = stores.qdrantConnection(); SurrealClient surreal = stores.surrealClient(NS)) {
            // MISSING_VECTOR: the point of doc-00002 deleted
            qdrant.client().deleteAsync(COLLECTION, List.of(PointIdFactory.id(PointIds.pointId(TABLE + ":" + canonicalKey(2)))))
                    .get(30, TimeUnit.SECONDS);
            // MISMATCH: doc-00004 changed in SurrealDB only
            surreal.query("UPDATE $id SET title = $title",
                    Map.of("id", SurrealRecordId.of(TABLE, MigrationTestStores.key(4)), "title", "changed behind the sync's back"));
            // ORPHAN_VECTOR: doc-00005 deleted in SurrealDB only
            surreal.query("DELETE $id", Map.of("id", SurrealRecordId.of(TABLE, MigrationTestStores.key(5))));
        }
    }

    @AfterAll
    static void stop() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void eachOutcomeWithBothHashes() {
        Result consistent = check(TABLE + ":" + canonicalKey(1));
        assertThat(consistent.exit).as(consistent.text()).isZero();
        String first = TABLE + ":" + canonicalKey(1);
        assertThat(consistent.out).startsWith("CONSISTENT  " + first + "  point " + PointIds.pointId(first));
        String[] words = consistent.out.trim().split("\\s+");
        assertThat(words[5]).as("source hash").matches("[0-9a-f]{32}").isEqualTo(words[7]);

        Result missing = check(TABLE + ":" + canonicalKey(2));
        assertThat(missing.exit).as(missing.text()).isEqualTo(1);
        assertThat(missing.out).startsWith("MISSING_VECTOR  " + TABLE + ":" + canonicalKey(2)).endsWith("target -\n");

        Result mismatch = check(TABLE + ":" + canonicalKey(4));
        assertThat(mismatch.exit).as(mismatch.text()).isEqualTo(1);
        String[] hashes = mismatch.out.trim().split("\\s+");
        assertThat(hashes[0]).isEqualTo("MISMATCH");
        assertThat(hashes[5]).matches("[0-9a-f]{32}").isNotEqualTo(hashes[7]);
        assertThat(hashes[7]).matches("[0-9a-f]{32}");

        Result orphan = check(TABLE + ":" + canonicalKey(5));
        assertThat(orphan.exit).as(orphan.text()).isEqualTo(1);
        assertThat(orphan.out).startsWith("ORPHAN_VECTOR  " + TABLE + ":" + canonicalKey(5)).contains("source -  target ");

        Result nowhere = check("docs:nowhere");
        assertThat(nowhere.exit).as(nowhere.text()).isEqualTo(3);
        assertThat(nowhere.out).startsWith("NOT_FOUND  docs:nowhere");
    }

    @Test
    void aHostileIdAndARecordThatCannotBeSynced() {
        // key 3 is unicode: the canonical id quotes it
        String hostile = TABLE + ":" + canonicalKey(3);
        assertThat(hostile).contains("⟨");
        Result unicode = check(hostile, "--table", TABLE);
        assertThat(unicode.exit).as(unicode.text()).isZero();
        assertThat(unicode.out).startsWith("CONSISTENT  " + hostile);

        Result unsyncable = check("docs:⟨zz-bad-text⟩");
        assertThat(unsyncable.exit).as(unsyncable.text()).isEqualTo(3);
        assertThat(unsyncable.out).startsWith("NOT_FOUND  docs:⟨zz-bad-text⟩").contains("the record cannot be synced");
    }

    @Test
    void wrongOptionsNameTheOption() {
        Result notAnId = check("no colon here");
        assertThat(notAnId.exit).isEqualTo(2);
        assertThat(notAnId.err).startsWith("cortex-sync check: --id");
        Result otherTable = check(TABLE + ":" + canonicalKey(1), "--table", "notes");
        assertThat(otherTable.exit).isEqualTo(2);
        assertThat(otherTable.err).startsWith("cortex-sync check: --table");
    }

    /** The canonical record id's key part of {@link MigrationTestStores#key}. */
    private static String canonicalKey(int i) {
        String key = MigrationTestStores.key(i);
        return key.matches("[A-Za-z0-9_]+") ? key : "⟨" + key + "⟩";
    }

    private static Result check(String id, String... more) {
        List<String> args = new ArrayList<>(stores.args(NS, COLLECTION, TABLE));
        // the migration's options that check does not take
        int table = args.indexOf("--table");
        args.subList(table, table + 2).clear();
        for (String jobOnly : List.of("--parallelism", "--batch-size")) {
            int at = args.indexOf(jobOnly);
            args.subList(at, at + 2).clear();
        }
        args.addAll(List.of("--id", id));
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = args.toArray(new String[0]);
        CommandLine cli = CortexSyncCli.commandLine(new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), argv);
        int exit = cli.execute(argv);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err) {
        String text() {
            return "exit " + exit + "\nout: " + out + "\nerr: " + err;
        }
    }
}
