package io.cortexsync.cli.migrate;

import io.cortexsync.cli.CortexSyncCli;
import io.cortexsync.cli.InvalidOptionException;
import io.cortexsync.cli.options.ConfigKeys;
import io.cortexsync.connector.qdrant.QdrantOptions;
import io.cortexsync.connector.surrealdb.SurrealOptions;
import io.cortexsync.jobs.common.JobArguments;
import io.cortexsync.jobs.migrate.MigrationSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrate command line: YAML defaults, flags over them, validation naming the option, help text. */
class MigrateCommandLineTest {

    private static final String[] REQUIRED = {"--surreal-ns", "app", "--surreal-db", "main", "--table", "docs", "--collection", "docs"};

    @Test
    void yamlSuppliesEveryKeyAndFlagsOverrideIt(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("migrate.yaml");
        Files.writeString(yaml, String.join("\n",
                "surreal-url: http://db.example:8000",
                "surreal-ns: app",
                "surreal-db: main",
                "surreal-user: root",
                "surreal-pass: secret",
                "table: [docs, notes]",
                "collection: from_yaml",
                "dim: 384",
                "distance: Dot",
                "batch-size: 128",
                "checkpoint-interval: 30s",
                "verify: true",
                "web-ui: true",
                ""));
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(new String[] {
            "--config", yaml.toString(), "--collection", "from_flag", "--batch-size", "64", "--no-verify"});

        assertThat(options.stores().surrealUrl()).isEqualTo("http://db.example:8000");
        assertThat(options.tables()).containsExactly("docs", "notes");
        assertThat(options.dim()).isEqualTo(384);
        assertThat(options.distance()).isEqualTo(VectorDistance.DOT);
        assertThat(options.run().checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.run().webUi()).isTrue();
        // flags win
        assertThat(options.collection()).isEqualTo("from_flag");
        assertThat(options.batchSize()).isEqualTo(64);
        assertThat(options.verify()).isFalse();
        // defaults where neither says anything
        assertThat(options.vectorField()).isEqualTo("vector");
        assertThat(options.stores().qdrantPort()).isEqualTo(6334);
        options.validate();
    }

    @Test
    void flagsRepeatTablesAndBooleansDefaultToOff() {
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(new String[] {
            "--surreal-ns", "app", "--surreal-db", "main", "--table", "a", "--table", "b,c", "--collection", "x"});
        assertThat(options.tables()).containsExactly("a", "b", "c");
        assertThat(options.verify()).isFalse();
        assertThat(options.dryRun()).isFalse();
        assertThat(options.run().resume()).isFalse();
        assertThat(options.distance()).isEqualTo(VectorDistance.COSINE);
        assertThat(options.run().deadLetter()).isEqualTo(Path.of("dead-letter.jsonl"));
    }

    @Test
    void jobConfigurationCarriesTheConnectorsKeysAndSurvivesTheJobArguments(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("m.yaml");
        Files.writeString(yaml, "surreal-ns: app\nsurreal-db: main\ntable: [a, b]\ncollection: c\nverify: true\n"
                + "qdrant-api-key: k\nsurreal-user: root\nsurreal-pass: secret\n");
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(new String[] {"--config", yaml.toString(), "--batch-size", "77"});
        Configuration conf = options.jobConfiguration(8);

        assertThat(conf.get(SurrealOptions.SOURCE_TABLES)).containsExactly("a", "b");
        assertThat(conf.get(SurrealOptions.USERNAME)).isEqualTo("root");
        assertThat(conf.get(QdrantOptions.COLLECTION_VECTOR_SIZE)).isEqualTo(8);
        assertThat(conf.get(QdrantOptions.SINK_BATCH_SIZE)).isEqualTo(77);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).endsWith("/" + options.migrationId());
        // what a cluster's main reads back from its program arguments is what the client built
        Configuration onCluster = JobArguments.parse(JobArguments.render(conf).toArray(new String[0]));
        assertThat(onCluster.toMap()).isEqualTo(conf.toMap());
        MigrationSettings settings = MigrationSettings.from(onCluster);
        assertThat(settings.tables()).containsExactly("a", "b");
        assertThat(settings.dimension()).isEqualTo(8);
        assertThat(settings.deadLetterDir()).isEqualTo(options.run().deadLetterParts());
        // the client's own options stay with the client
        assertThat(conf.keySet()).noneMatch(key -> key.contains("verify") || key.contains("report") || key.contains("web-ui"));
    }

    @Test
    void yamlMayUseTheConnectorsKeysInsteadOfTheOptionNames(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("keys.yaml");
        Files.writeString(yaml, String.join("\n",
                "surrealdb.url: http://db.example:8000",
                "surrealdb.namespace: app",
                "surrealdb.database: main",
                "surrealdb.source.tables: [docs, notes]",
                "qdrant.collection: by_key",
                "qdrant.sink.batch-size: 99",
                "qdrant.collection.bulk-load: true",
                "execution.checkpointing.interval: 20s",
                "parallelism.default: 3",
                ""));
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(new String[] {"--config", yaml.toString()});
        assertThat(options.stores().surrealUrl()).isEqualTo("http://db.example:8000");
        assertThat(options.tables()).containsExactly("docs", "notes");
        assertThat(options.collection()).isEqualTo("by_key");
        assertThat(options.batchSize()).isEqualTo(99);
        assertThat(options.bulkLoad()).isTrue();
        assertThat(options.run().checkpointInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.run().parallelism()).isEqualTo(3);
        options.validate();
    }

    @Test
    void everyConfigKeyOfAMigrateOptionReachesTheJob() throws Exception {
        // keys of options other commands alone have (cdc's, dual-write's, reconcile's, the Kafka outputs') are checked by their tests
        CommandLine.Model.CommandSpec migrate = CortexSyncCli.commandLine(new String[0]).getSubcommands().get("migrate").getCommandSpec();
        CommandLine.Model.CommandSpec cdc = CortexSyncCli.commandLine(new String[0]).getSubcommands().get("cdc").getCommandSpec();
        CommandLine.Model.CommandSpec dualWrite = CortexSyncCli.commandLine(new String[0]).getSubcommands().get("dual-write").getCommandSpec();
        CommandLine.Model.CommandSpec reconcile = CortexSyncCli.commandLine(new String[0]).getSubcommands().get("reconcile").getCommandSpec();
        MigrateOptions options = parse("--table", "a");
        Configuration conf = options.jobConfiguration(4);
        int checked = 0;
        for (Map.Entry<String, String> entry : ConfigKeys.all().entrySet()) {
            if (migrate.findOption("--" + entry.getKey()) == null) {
                assertThat(cdc.findOption("--" + entry.getKey()) != null || dualWrite.findOption("--" + entry.getKey()) != null
                                || reconcile.findOption("--" + entry.getKey()) != null)
                        .as("--" + entry.getKey() + " is an option of migrate, cdc, dual-write or reconcile").isTrue();
                continue;
            }
            String key = entry.getValue();
            boolean optional = key.equals(SurrealOptions.USERNAME.key()) || key.equals(SurrealOptions.PASSWORD.key())
                    || key.equals(QdrantOptions.API_KEY.key());
            assertThat(optional || conf.containsKey(key)).as(key + " reaches the job").isTrue();
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(19);
    }

    @Test
    void migrationIdDependsOnSourceAndTargetOnly() {
        MigrateOptions a = parse("--table", "a", "--table", "b", "--batch-size", "10");
        MigrateOptions b = parse("--table", "b", "--table", "a", "--parallelism", "4");
        MigrateOptions c = parse("--table", "a");
        assertThat(a.migrationId()).isEqualTo(b.migrationId()).startsWith("docs-");
        assertThat(c.migrationId()).isNotEqualTo(a.migrationId());
    }

    @Test
    void validationNamesTheOption() {
        assertInvalid("--surreal-ns", "--surreal-db", "main", "--table", "t", "--collection", "c");
        assertInvalid("--table", "--surreal-ns", "n", "--surreal-db", "main", "--collection", "c");
        assertInvalid("--table", "--surreal-ns", "n", "--surreal-db", "main", "--collection", "c", "--table", "bad-name");
        assertInvalid("--surreal-url", concat("--surreal-url", "ftp://x"));
        assertInvalid("--dim", concat("--dim", "-1"));
        assertInvalid("--batch-size", concat("--batch-size", "0"));
        assertInvalid("--parallelism", concat("--parallelism", "0"));
        assertInvalid("--checkpoint-interval", concat("--checkpoint-interval", "10ms"));
        assertInvalid("--surreal-pass", concat("--surreal-user", "root"));
        assertInvalid("--resume", concat("--resume", "--dry-run"));
    }

    @Test
    void unparsableValuesAndUnknownYamlKeysAreOneLineNamingTheOption(@TempDir Path dir) throws Exception {
        assertThat(run("migrate", "--distance", "hamming")).contains("--distance").doesNotContain("\n\t");
        assertThat(run("migrate", "--checkpoint-interval", "soon")).contains("--checkpoint-interval");
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "surreal-ns: app\ncolection: typo\n");
        assertThat(run("migrate", "--config", yaml.toString())).contains("unknown key 'colection'");
        assertThat(run("migrate", "--config", dir.resolve("missing.yaml").toString())).contains("--config").contains("missing.yaml");
    }

    @Test
    void helpDocumentsEveryOption() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine cli = CortexSyncCli.commandLine(new String[0]);
        cli.setOut(new PrintWriter(bytes, true, StandardCharsets.UTF_8));
        assertThat(cli.execute("migrate", "--help")).isZero();
        String help = bytes.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--config", "--surreal-url", "--surreal-ns", "--surreal-db", "--surreal-user",
                "--surreal-pass", "--qdrant-host", "--qdrant-port", "--qdrant-api-key", "--qdrant-tls", "--table",
                "--collection", "--vector-field", "--dim", "--distance", "--batch-size", "--parallelism",
                "--checkpoint-dir", "--checkpoint-interval", "--resume", "--bulk-load", "--dry-run", "--verify", "--report",
                "--dead-letter", "--web-ui", "--timings")) {
            assertThat(help).as(option).containsPattern("(?m)^\\s+(-\\S+, )?\\Q" + option.replace("--", "--[no-]") + "\\E[ =].*\\S|(?m)^\\s+(-\\S+, )?\\Q" + option + "\\E[ =].*\\S");
        }
    }

    private static String[] concat(String... extra) {
        return Stream.concat(Stream.of(REQUIRED), Stream.of(extra)).toArray(String[]::new);
    }

    private static MigrateOptions parse(String... extra) {
        return CortexSyncCli.parseMigrateOptions(
                Stream.concat(Stream.of("--surreal-ns", "app", "--surreal-db", "main", "--collection", "docs"), Stream.of(extra))
                        .toArray(String[]::new));
    }

    private static void assertInvalid(String option, String... args) {
        MigrateOptions options = CortexSyncCli.parseMigrateOptions(args);
        assertThatThrownBy(options::validate)
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith(option + ":")
                .satisfies(e -> assertThat(((InvalidOptionException) e).option()).isEqualTo(option));
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine cli = CortexSyncCli.commandLine(args);
        cli.setErr(new PrintWriter(bytes, true, StandardCharsets.UTF_8));
        int exit = cli.execute(args);
        assertThat(exit).isEqualTo(2);
        String err = bytes.toString(StandardCharsets.UTF_8).trim();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        return err;
    }
}
